package dev.cliauth.core.flow.device;

import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a token endpoint answer to a device poll is read (RFC 8628 §3.5). */
class PollResultTest {

    @ParameterizedTest(name = "{0} (HTTP {2}) -> {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "authorization_pending   | null                                                    | 400 | Pending",
            "slow_down               | null                                                    | 400 | SlowDown",
            "access_denied           | The end-user denied the authorization request            | 400 | Denied",
            "expired_token           | null                                                    | 400 | Expired",
            "invalid_grant           | Client not allowed OAuth 2.0 Device Authorization Grant | 400 | Blocked",
            "unauthorized_client     | null                                                    | 400 | Blocked",
            "temporarily_unavailable | null                                                    | 503 | Unavailable",
            "server_error            | null                                                    | 500 | Unavailable",
            "unknown_error           | null                                                    | 502 | Unavailable",
            "invalid_grant           | Device code not valid                                   | 400 | Failed",
    })
    void readsEachAnswer(String error, String description, int status, String expected) {
        PollResult result = PollResult.of(new TokenResult.Rejected(error, description, status), "dc-1");

        assertThat(result.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void issuedTokensAreGranted() {
        TokenSet tokens = new TokenSet("at", "Bearer", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(PollResult.of(new TokenResult.Issued(tokens), "dc-1")).isEqualTo(new PollResult.Granted(tokens));
    }

    @Test
    void noTextCarriesTheDeviceCode() {
        PollResult result = PollResult.of(new TokenResult.Rejected("invalid_grant", "Code dc-1 was already used", 400), "dc-1");

        assertThat(result).isEqualTo(new PollResult.Failed("invalid_grant", "Code [device code] was already used"));
    }
}
