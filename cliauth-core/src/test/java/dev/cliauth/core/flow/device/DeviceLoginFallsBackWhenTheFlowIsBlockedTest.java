package dev.cliauth.core.flow.device;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.cliauth.core.flow.device.DeviceTestBed.DEVICE_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.USER_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.json;
import static dev.cliauth.core.flow.device.DeviceTestBed.oauthError;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where the provider or tenant forbids the device flow for this client, the outcome is Blocked (the caller falls back
 * to the browser login) and no poll is sent; other refusals are failures naming the endpoint.
 */
class DeviceLoginFallsBackWhenTheFlowIsBlockedTest {
    private static final DeviceOptions EVERYTHING_ON = new DeviceOptions(true, true, true);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Keycloak, flow disabled for the client | 400 | unauthorized_client | Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client.",
            "oidc-provider, grant not allowed      | 400 | invalid_request     | urn:ietf:params:oauth:grant-type:device_code is not allowed for this client",
            "Entra, conditional access             | 400 | invalid_grant       | AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
            "grant type not supported              | 400 | unsupported_grant_type | ''",
    })
    void aDeviceAuthorizationRefusalForThisClientIsBlockedAndNothingIsPolled(String provider, int status, String error, String description) {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(oauthError(status, error, description.isEmpty() ? null : description));
            bed.pollsAnswer(pending());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), EVERYTHING_ON);

            String reason = ((DeviceOutcome.Blocked) outcome).reason();
            assertThat(reason).contains(DeviceTestBed.CLIENT_ID).contains(error).contains(description).doesNotContain("\n");
            assertThat(bed.polls()).isEmpty();
            assertThat(bed.lines).isEmpty();
            assertThat(bed.opened).isEmpty();
        }
    }

    @Test
    void aProviderWithoutADeviceEndpointIsBlockedBeforeAnythingIsSent() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(json -> json.remove("device_authorization_endpoint")), EVERYTHING_ON);

            assertThat(((DeviceOutcome.Blocked) outcome).reason()).contains("device_authorization_endpoint").contains(bed.issuer().toString());
            assertThat(bed.requestCount()).isZero();
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "400 | invalid_grant       | Client not allowed OAuth 2.0 Device Authorization Grant",
            "400 | unauthorized_client | Client not allowed to use this grant",
    })
    void aPollSayingTheClientMayNotUseTheFlowIsBlockedToo(int status, String error, String description) {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), oauthError(status, error, description), pending());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, false));

            assertThat(((DeviceOutcome.Blocked) outcome).reason()).contains(error + ": " + description).doesNotContain(DEVICE_CODE);
            assertThat(bed.polls()).hasSize(2);
        }
    }

    @Test
    void anotherDeviceAuthorizationErrorFailsTheLoginNamingTheEndpoint() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(oauthError(400, "invalid_scope", "Invalid scopes: payroll"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), EVERYTHING_ON));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains(bed.base() + DeviceTestBed.DEVICE_PATH).contains("invalid_scope: Invalid scopes: payroll");
            assertThat(bed.polls()).isEmpty();
        }
    }

    @Test
    void aMissingPkceParameterIsAFailureNotABlock() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(oauthError(400, "invalid_request", "Missing parameter: code_challenge_method"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), EVERYTHING_ON));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        }
    }

    @Test
    void anAnswerThatIsNotOAuthMeansTheProviderIsUnavailable() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>Bad gateway</html>"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), EVERYTHING_ON));

            assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains(bed.base() + DeviceTestBed.DEVICE_PATH).contains("HTTP 502").doesNotContain("\n");
        }
    }

    @Test
    void aSuccessWithoutTheRequiredFieldsMeansTheProviderIsUnavailable() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(json(200, "{\"user_code\":\"" + USER_CODE + "\"}"));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(bed.profile(), bed.metadata(), EVERYTHING_ON));

            assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains(bed.base() + DeviceTestBed.DEVICE_PATH);
            assertThat(bed.lines).isEmpty();
        }
    }
}
