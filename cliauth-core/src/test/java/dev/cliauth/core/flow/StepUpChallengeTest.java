package dev.cliauth.core.flow;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An API's WWW-Authenticate step-up challenge becomes the sign-in it asks for. */
class StepUpChallengeTest {

    @Test
    void rfc9470sExampleAsksForItsAcrValuesAndMaxAge() {
        // RFC 9470 §3, figures 2 and 3
        SignInHints acr = StepUpChallenge.parse("Bearer error=\"insufficient_user_authentication\", error_description=\"A different "
                + "authentication level is required\", acr_values=\"myACR\"");
        assertThat(acr.acrValues()).containsExactly("myACR");
        assertThat(acr.parameters()).containsEntry("acr_values", "myACR").doesNotContainKey("max_age");
        SignInHints age = StepUpChallenge.parse("Bearer error=\"insufficient_user_authentication\", error_description=\"More recent "
                + "authentication is required\", max_age=\"5\"");
        assertThat(age.maxAge()).contains(Duration.ofSeconds(5));
        assertThat(StepUpChallenge.parse("Bearer error=insufficient_user_authentication, acr_values=\"gold silver\", max_age=0").parameters())
                .containsEntry("acr_values", "gold silver").containsEntry("max_age", "0");
    }

    @Test
    void entrasClaimsChallengeCarriesItsBase64ClaimsRequest() {
        String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        String header = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                + "error=\"insufficient_claims\", claims=\"" + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"";
        assertThat(StepUpChallenge.parse(header).claims()).contains(claims);
        assertThat(StepUpChallenge.parse(header).parameters()).containsEntry("claims", claims);
    }

    @Test
    void aChallengeThatAsksForNoStepUpOrIsNotBearerIsAClearError() {
        for (String header : List.of("Bearer error=\"invalid_token\"", "Basic realm=\"x\"", "", "Bearer max_age=\"soon\"")) {
            CliauthException e = catchThrowableOfType(CliauthException.class, () -> StepUpChallenge.parse(header));
            assertThat(e).as(header).isNotNull();
            assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
            assertThat(e.getMessage()).startsWith("The step-up challenge cannot be used").doesNotContain("\n");
        }
    }

    @Test
    void quotedValuesMayHoldCommasAndEscapedQuotes() {
        SignInHints hints = StepUpChallenge.parse("Bearer error=\"insufficient_user_authentication, really\", acr_values=\"x\\\"y z\", max_age=7");
        assertThat(hints.acrValues()).containsExactly("x\"y", "z");
        assertThat(hints.maxAge()).contains(Duration.ofSeconds(7));
        assertThat(hints.loginHint()).isEqualTo(Optional.empty());
    }
}
