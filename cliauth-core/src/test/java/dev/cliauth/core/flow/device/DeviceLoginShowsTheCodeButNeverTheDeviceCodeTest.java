package dev.cliauth.core.flow.device;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.cliauth.core.flow.device.DeviceTestBed.DEVICE_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.HOST;
import static dev.cliauth.core.flow.device.DeviceTestBed.USER_CODE;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static dev.cliauth.core.flow.device.DeviceTestBed.tokens;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceLoginShowsTheCodeButNeverTheDeviceCodeTest {

    @Test
    void showsThePageTheUserCodeTheCompletePageAndTheHostToCheck() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(true, true, true));

            String output = bed.output();
            assertThat(output).contains(USER_CODE).contains(bed.verificationUri()).contains(bed.verificationUriComplete())
                    .contains("Enter this code only if you just ran this command on " + HOST)
                    .doesNotContain(DEVICE_CODE);
        }
    }

    @Test
    void opensTheBrowserAtThePageThatCarriesTheCode() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(true, false, false));

            assertThat(bed.opened).containsExactly(URI.create(bed.verificationUriComplete()));
            assertThat(bed.output()).contains("Opened your browser");
        }
    }

    @Test
    void opensTheBrowserAtThePlainPageWhenNoCompleteOneIsOffered() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.deviceAnswers(bed.codes(600, null, false));
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(true, false, false));

            assertThat(bed.opened).containsExactly(URI.create(bed.verificationUri()));
            assertThat(bed.output()).doesNotContain("?user_code=");
        }
    }

    @Test
    void leavesTheBrowserAloneWhenAskedTo() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, false));

            assertThat(bed.opened).isEmpty();
            assertThat(bed.output()).contains(USER_CODE);
        }
    }

    @Test
    void printsTheCompletePageAsAQrCodeWhenAsked() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, true, false));

            assertThat(bed.lines).containsSubsequence(new QrText().render(bed.verificationUriComplete()));
        }
    }

    @Test
    void printsNoQrCodeUnlessAsked() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            bed.login().login(bed.profile(), bed.metadata(), new DeviceOptions(false, false, false));

            assertThat(bed.output()).doesNotContain("█");
        }
    }
}
