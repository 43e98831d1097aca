package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.cliauth.core.flow.device.DeviceTestBed.CLIENT_ID;
import static dev.cliauth.core.flow.device.DeviceTestBed.DEVICE_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.DEVICE_PATH;
import static dev.cliauth.core.flow.device.DeviceTestBed.START;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static dev.cliauth.core.flow.device.DeviceTestBed.seconds;
import static dev.cliauth.core.flow.device.DeviceTestBed.tokens;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceLoginPollsUntilApprovedTest {
    private static final DeviceOptions QUIET = new DeviceOptions(false, false, false);

    @Test
    void pollsEveryFiveSecondsWhenNoIntervalIsGivenAndReturnsTheSessionUnstored() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), pending(), tokens());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), QUIET);

            assertThat(bed.sleeps).isEqualTo(seconds(5, 5, 5));
            assertThat(bed.polls()).hasSize(3);
            Session session = ((DeviceOutcome.Completed) outcome).session();
            assertThat(session.grant()).isEqualTo(DeviceLogin.GRANT).isEqualTo("device_code");
            assertThat(session.tokens().accessToken()).isEqualTo("at-1");
            assertThat(session.tokens().refreshToken()).contains("rt-1");
            assertThat(session.clientId()).isEqualTo(CLIENT_ID);
            assertThat(session.subject()).isEmpty(); // no openid scope, so no ID token to take it from
            assertThat(session.obtainedAt()).isEqualTo(START.plusSeconds(15));
        }
    }

    @Test
    void waitsTheIntervalTheProviderServesBeforeEveryPoll() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(bed.codes(600, 7, true));
            bed.pollsAnswer(pending(), tokens());

            bed.login().login(bed.profile(), bed.metadata(), QUIET);

            assertThat(bed.sleeps).isEqualTo(seconds(7, 7));
        }
    }

    @Test
    void theRequestCarriesClientScopeAndAnS256ChallengeAndEveryPollTheMatchingVerifier() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), tokens());

            bed.login().login(bed.profile(), bed.metadata(), QUIET);

            Map<String, List<String>> request = bed.formsSentTo(DEVICE_PATH).get(0);
            assertThat(request.get("client_id")).containsExactly(CLIENT_ID);
            assertThat(request.get("scope")).containsExactly("profile email");
            assertThat(request.get("code_challenge_method")).containsExactly("S256");
            String challenge = request.get("code_challenge").get(0);

            List<Map<String, List<String>>> polls = bed.polls();
            assertThat(polls).hasSize(2).allSatisfy(poll -> {
                assertThat(poll.get("grant_type")).containsExactly("urn:ietf:params:oauth:grant-type:device_code");
                assertThat(poll.get("device_code")).containsExactly(DEVICE_CODE);
                assertThat(poll.get("client_id")).containsExactly(CLIENT_ID);
            });
            String verifier = polls.get(0).get("code_verifier").get(0);
            assertThat(polls.get(1).get("code_verifier")).containsExactly(verifier);
            assertThat(Base64.getUrlDecoder().decode(verifier)).hasSizeGreaterThanOrEqualTo(32);
            assertThat(CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue()).isEqualTo(challenge);
        }
    }

    @Test
    void everyLoginUsesAFreshVerifier() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), QUIET);
            bed.login().login(bed.profile(), bed.metadata(), QUIET);

            List<Map<String, List<String>>> requests = bed.formsSentTo(DEVICE_PATH);
            assertThat(requests.get(1).get("code_challenge")).isNotEqualTo(requests.get(0).get("code_challenge"));
        }
    }

    @Test
    void withACountdownEachPollSaysHowLongIsLeftOnAStatusLineTheTerminalMayRewrite() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, true));

            assertThat(bed.statuses).containsExactly("Waiting for approval... 9m 55s left", "Waiting for approval... 9m 50s left");
            assertThat(bed.lines).noneMatch(line -> line.startsWith("Waiting for approval"));
        }
    }

    @Test
    void withoutACountdownNothingIsPrintedPerPoll() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), pending(), tokens());

            bed.login().login(bed.profile(), bed.metadata(), QUIET);

            assertThat(bed.lines).noneMatch(line -> line.startsWith("Waiting for approval"));
            assertThat(bed.statuses).isEmpty();
        }
    }
}
