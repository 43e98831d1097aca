package dev.cliauth.core.net;

import dev.cliauth.core.CliauthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentProxySelectorTest {

    @ParameterizedTest(name = "{0} with NO_PROXY={1} -> {2}")
    @CsvSource({
            "https://id.example.com/x,        '',                      proxy",
            "https://id.example.com/x,        example.com,             direct",
            "https://id.example.com/x,        .example.com,            direct",
            "https://example.com/x,           .example.com,            direct",
            "https://badexample.com/x,        example.com,             proxy",
            "https://id.example.com/x,        'other.org, example.com', direct",
            "https://id.example.com:8443/x,   id.example.com:8443,     direct",
            "https://id.example.com/x,        id.example.com:8443,     proxy",
            "https://id.example.com/x,        '*',                     direct",
            "https://10.1.2.3/x,              10.1.2.3,                direct",
            "https://[::1]:9000/x,            ::1,                     direct",
    })
    void noProxyWorksLikeCurl(String url, String noProxy, String expected) {
        var selector = new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", noProxy));
        Proxy proxy = selector.select(URI.create(url)).get(0);
        assertThat(proxy.type() == Proxy.Type.DIRECT ? "direct" : "proxy").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is reached directly with NO_PROXY={1}")
    @CsvSource({
            "http://127.0.0.1:8180/realms/open, ''",
            "https://127.0.0.1:8443/x,          ''",
            "http://127.1.2.3/x,                other.org",
            "http://[::1]:9000/x,               ''",
            "http://localhost:8080/x,           ''",
            "http://LOCALHOST/x,                ''",
            "http://app.localhost/x,            ''",
    })
    void loopbackIsNeverProxiedWhateverNoProxySays(String url, String noProxy) {
        var selector = new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "HTTP_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", noProxy));
        assertThat(selector.select(URI.create(url))).containsExactly(Proxy.NO_PROXY);
    }

    @ParameterizedTest(name = "{0} still goes through the proxy")
    @CsvSource({"http://10.0.0.1/x", "http://127.0.0.1.nip.io/x", "http://localhost.example.com/x", "http://[::2]/x", "http://0.0.0.0/x"})
    void hostsThatOnlyLookLikeLoopbackAreProxied(String url) {
        var selector = new EnvironmentProxySelector(Map.of("HTTP_PROXY", "http://proxy.corp:3128"));
        assertThat(selector.select(URI.create(url)).get(0).type()).isEqualTo(Proxy.Type.HTTP);
    }

    @Test
    void eachSchemeUsesItsOwnVariableAndLowerCaseWorks() {
        var selector = new EnvironmentProxySelector(Map.of("https_proxy", "proxy.corp:3128", "HTTP_PROXY", "http://plain.corp"));
        InetSocketAddress https = (InetSocketAddress) selector.select(URI.create("https://id.example.com")).get(0).address();
        InetSocketAddress http = (InetSocketAddress) selector.select(URI.create("http://id.example.com")).get(0).address();
        assertThat(https.getHostString()).isEqualTo("proxy.corp");
        assertThat(https.getPort()).isEqualTo(3128);
        assertThat(http.getHostString()).isEqualTo("plain.corp");
        assertThat(http.getPort()).isEqualTo(80);
        assertThat(new EnvironmentProxySelector(Map.of()).configured()).isFalse();
    }

    @Test
    void aMalformedProxyIsAClearError() {
        assertThatThrownBy(() -> new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "http://")))
                .isInstanceOf(CliauthException.class).hasMessageContaining("proxy setting");
        assertThatThrownBy(() -> new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "http://:3128")))
                .isInstanceOf(CliauthException.class).hasMessageContaining("http://proxy.example.com:3128");
    }

    @Test
    void aProxyWithCredentialsIsRefusedClearlyWithoutShowingThePassword() {
        for (String value : new String[]{"http://alice:s3cret-pass@proxy.example.com:3128", "alice:s3cret-pass@proxy.example.com:3128"}) {
            assertThatThrownBy(() -> new EnvironmentProxySelector(Map.of("HTTPS_PROXY", value)))
                    .isInstanceOf(CliauthException.class).hasMessageContaining("carries credentials").hasMessageContaining("proxy.example.com")
                    .hasMessageNotContaining("s3cret-pass").hasMessageNotContaining("alice");
        }
        assertThatThrownBy(() -> new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "http://u:p w@x")))
                .isInstanceOf(CliauthException.class).hasMessageNotContaining("p w");
    }
}
