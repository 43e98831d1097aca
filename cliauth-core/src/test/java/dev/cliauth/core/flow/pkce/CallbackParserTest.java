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
}
