package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.device.DeviceCode;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VerificationPageTest {
    private static final URI ISSUER = URI.create("https://login.example.com/realms/acme");
    private static final URI PAGE = URI.create("https://login.example.com/device");
    private static final URI COMPLETE = URI.create("https://login.example.com/device?user_code=WDJB-MJHT");

    @Test
    void thePageToOpenIsTheCompleteOneWhenOffered() {
        assertThat(VerificationPage.check(ISSUER, authorization(PAGE, Optional.of(COMPLETE))).toOpen()).isEqualTo(COMPLETE);
        assertThat(VerificationPage.check(ISSUER, authorization(PAGE, Optional.empty())).toOpen()).isEqualTo(PAGE);
    }

    @Test
    void aPageOnTheIssuersHostNeedsNoNote() {
        assertThat(VerificationPage.check(ISSUER, authorization(PAGE, Optional.of(COMPLETE))).elsewhere()).isEmpty();
    }

    @Test
    void aPlainHttpPageOfAnHttpsIssuerIsRefusedNamingIt() {
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> VerificationPage.check(ISSUER, authorization(URI.create("http://login.example.com/device"), Optional.empty())));
        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).contains("verification_uri http://login.example.com/device").contains("not https");

        CliauthException complete = catchThrowableOfType(CliauthException.class, () -> VerificationPage.check(ISSUER,
                authorization(PAGE, Optional.of(URI.create("http://login.example.com/device?user_code=WDJB-MJHT")))));
        assertThat(complete.getMessage()).contains("verification_uri_complete");
    }

    @Test
    void aLoopbackIssuerMayUsePlainHttp() {
        URI loopback = URI.create("http://127.0.0.1:8180/realms/open");
        VerificationPage page = VerificationPage.check(loopback, authorization(URI.create("http://127.0.0.1:8180/realms/open/device"), Optional.empty()));
        assertThat(page.elsewhere()).isEmpty();
    }

    @Test
    void aPageOnAnotherSiteIsNamedBeforeItIsShown() {
        URI entra = URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
        VerificationPage page = VerificationPage.check(entra, authorization(URI.create("https://microsoft.com/devicelogin"), Optional.empty()));
        assertThat(page.elsewhere()).hasValueSatisfying(note -> assertThat(note)
                .contains("microsoft.com").contains("not at login.microsoftonline.com").contains("only if you expected"));
    }

    @ParameterizedTest(name = "{0} and {1}: same site {2}")
    @CsvSource({
            "id.example.com,      id.example.com,        true",
            "ID.Example.com,      id.example.com,        true",
            "acme.okta.com,       okta.com,              true",   // the parent domain holds its subdomains
            "example.com,         device.example.com,    true",
            "accounts.google.com, www.google.com,        false",  // siblings: no public suffix list to tell
            "id.example.com,      id.example.com.evil.io, false",
            "id.example.com,      evilexample.com,       false",
            "127.0.0.1,           0.0.1,                 false",  // addresses are compared whole
    })
    void sitesAreComparedByDnsName(String issuerHost, String pageHost, boolean same) {
        assertThat(VerificationPage.sameSite(issuerHost, pageHost)).isEqualTo(same);
    }

    private static DeviceAuthorization authorization(URI page, Optional<URI> complete) {
        return new DeviceAuthorization(new DeviceCode("dc"), "WDJB-MJHT", page, complete, Duration.ofMinutes(10), null);
    }
}
