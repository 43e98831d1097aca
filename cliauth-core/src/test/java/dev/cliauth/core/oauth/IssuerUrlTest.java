package dev.cliauth.core.oauth;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuerUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://id.example.com/realms/acme",
            "https://login.microsoftonline.com/tenant/v2.0",
            "http://127.0.0.1:8180/realms/open",
            "http://127.5.6.7/x",
            "http://localhost:8080/",
            "http://[::1]:9000/issuer"})
    void acceptsHttpsAndLoopbackHttp(String issuer) {
        assertThat(IssuerUrl.parse(issuer)).isEqualTo(URI.create(issuer));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://id.example.com/realms/acme",
            "http://10.0.0.1/x",
            "http://127.0.0.1.nip.io/x",
            "ftp://id.example.com/",
            "id.example.com/realms/acme",
            "https://id.example.com/realms/acme?x=1",
            "https://id.example.com/realms/acme#frag",
            "https://user:pw@id.example.com/"})
    void refusesEverythingElse(String issuer) {
        assertThatThrownBy(() -> IssuerUrl.parse(issuer))
                .isInstanceOfSatisfying(CliauthException.class, e -> assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "app.localhost"})
    void loopbackHosts(String host) {
        assertThat(IssuerUrl.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "example.com", "localhost.example.com", "::2", "0.0.0.0"})
    void nonLoopbackHosts(String host) {
        assertThat(IssuerUrl.isLoopback(host)).isFalse();
    }
}
