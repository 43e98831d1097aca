package dev.cliauth.core.flow.pkce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackParserTest {
    private final CallbackParser parser = new CallbackParser("s-123");

    @Test
    void codeWithTheRightStateIsGranted() {
        Callback callback = parser.parse("code=abc&state=s-123&session_state=x&iss=y");
        assertThat(callback).isInstanceOfSatisfying(Callback.Granted.class, g -> assertThat(g.code().getValue()).isEqualTo("abc"));
        assertThat(callback.toString()).doesNotContain("abc");
    }

    @Test
    void providerErrorWithTheRightStateEndsTheLogin() {
        assertThat(parser.parse("error=access_denied&error_description=User%20said%20no&state=s-123"))
                .isEqualTo(new Callback.ProviderError("access_denied", "User said no"));
    }

    @Test
    void wrongMissingOrRepeatedStateIsRejectedEvenForErrors() {
        assertThat(parser.parse("code=abc&state=other")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("code=abc")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("error=access_denied&state=other")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("code=abc&state=s-123&state=s-123")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse(null)).isInstanceOf(Callback.Rejected.class);
    }

    @Test
    void theRightStateWithoutCodeOrErrorIsRejected() {
        assertThat(parser.parse("state=s-123")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("state=s-123&code=")).isInstanceOf(Callback.Rejected.class);
    }

    @Test
    void aRepeatedIssOnTheErrorPathIsRejectedNotReadAsNoIss() {
        // RFC 6749 §3.1: a parameter appears once; a repeated iss must not let another issuer's error through (RFC 9207)
        Callback callback = parser.parse("error=access_denied&iss=https%3A%2F%2Fid.example&iss=https%3A%2F%2Fid.example&state=s-123");
        assertThat(callback).isInstanceOfSatisfying(Callback.Rejected.class, r -> assertThat(r.reason()).contains("more than one iss"));
    }

    @Test
    void anyRepeatedParameterIsRejectedOnEveryPath() {
        assertThat(parser.parse("error=access_denied&error=server_error&state=s-123")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("error=access_denied&error_description=a&error_description=b&state=s-123")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("code=abc&code=abc&state=s-123")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("code=abc&iss=x&iss=x&state=s-123")).isInstanceOf(Callback.Rejected.class);
        assertThat(parser.parse("code=abc&session_state=1&session_state=2&state=s-123"))
                .isInstanceOfSatisfying(Callback.Rejected.class, r -> assertThat(r.reason()).doesNotContain("session_state"));
    }

    @Test
    void aPastedAddressWithARepeatedIssIsRejectedAsTheListenerRejectsIt() {
        java.net.URI redirect = java.net.URI.create("http://127.0.0.1:5000/callback");
        assertThat(PastedRedirect.judge(redirect + "?error=access_denied&iss=x&iss=x&state=s-123", redirect, parser))
                .isInstanceOfSatisfying(Callback.Rejected.class, r -> assertThat(r.reason()).contains("more than one iss"));
        assertThat(PastedRedirect.judge(redirect + "?error=access_denied&iss=x&state=s-123", redirect, parser))
                .isEqualTo(new Callback.ProviderError("access_denied", null, "x"));
    }
}
