package dev.cliauth.core.flow.device;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.cliauth.core.flow.device.DeviceTestBed.CLIENT_ID;
import static dev.cliauth.core.flow.device.DeviceTestBed.DEVICE_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.USER_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.json;
import static dev.cliauth.core.flow.device.DeviceTestBed.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The verification page is the device flow's phishing surface (RFC 8628 §5.4): an https issuer's page must be https,
 * or nothing is shown, opened, drawn or polled; a page on another host than the issuer's is named before it is shown.
 */
class DeviceLoginShowsOnlyAVerificationPageItCheckedTest {

    @Test
    void aPlainHttpPageFromAnHttpsIssuerIsNeitherShownNorOpenedNorDrawn() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(codes("http://device.example.com/activate", "http://device.example.com/activate?user_code=" + USER_CODE));
            Profile https = Profile.of("test", URI.create("https://id.example.com/realms/test"), CLIENT_ID).withScope("profile");

            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> bed.login().login(https, bed.metadata(), new DeviceOptions(true, true, true)));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("verification_uri http://device.example.com/activate").contains("not https");
            assertThat(bed.lines).isEmpty();
            assertThat(bed.opened).isEmpty();
            assertThat(bed.polls()).isEmpty();
        }
    }

    @Test
    void aPageOnAnotherHostIsNamedBeforeItIsShown() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            String page = "http://localhost:" + bed.provider.port() + "/activate";
            bed.deviceAnswers(codes(page, null));
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, true, false));

            int note = indexOf(bed, "Note: the code is entered at localhost, not at 127.0.0.1");
            assertThat(note).as("the note").isNotNegative().isLessThan(indexOf(bed, "  " + page));
            assertThat(bed.lines).containsSubsequence(new QrText().render(page));
        }
    }

    @Test
    void aPageOnTheIssuersHostNeedsNoNote() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, false));

            assertThat(bed.lines).noneMatch(line -> line.startsWith("Note:"));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder codes(String page, String complete) {
        return json(200, "{\"device_code\":\"" + DEVICE_CODE + "\",\"user_code\":\"" + USER_CODE + "\",\"verification_uri\":\"" + page + "\""
                + (complete == null ? "" : ",\"verification_uri_complete\":\"" + complete + "\"") + ",\"expires_in\":600}");
    }

    private static int indexOf(DeviceTestBed bed, String start) {
        for (int i = 0; i < bed.lines.size(); i++) {
            if (bed.lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
