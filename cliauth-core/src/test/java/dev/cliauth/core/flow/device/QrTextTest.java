package dev.cliauth.core.flow.device;

import io.nayuki.qrcodegen.QrCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cliauth.core.flow.device.QrText.QUIET_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

class QrTextTest {
    private static final String PAGE = "https://login.example.com/realms/acme/device?user_code=WDJB-MJHT";
    private final QrText qr = new QrText();

    @Test
    void drawsTwoModuleRowsPerLineWithAQuietZoneAllRound() {
        int size = QrCode.encodeText(PAGE, QrCode.Ecc.LOW).size;
        int extent = size + 2 * QUIET_ZONE;

        List<String> lines = qr.render(PAGE);

        assertThat(lines).hasSize((extent + 1) / 2).allSatisfy(line -> assertThat(line).hasSize(extent));
        // quiet zone: four light modules = two full lines on top, four full columns each side
        assertThat(lines.subList(0, QUIET_ZONE / 2)).allSatisfy(line -> assertThat(line).matches("█+"));
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line.substring(0, QUIET_ZONE)).isEqualTo("████");
            assertThat(line.substring(extent - QUIET_ZONE)).isEqualTo("████");
        }
        // QR sizes are odd, so the last line holds the bottom quiet row in its upper half only
        assertThat(lines.get(lines.size() - 1)).matches("▀+");
        assertThat(lines.get(lines.size() - 2)).endsWith("████").startsWith("████");
    }

    @Test
    void drawsEveryLightModuleAndLeavesEveryDarkOneBlank() {
        QrCode code = QrCode.encodeText(PAGE, QrCode.Ecc.LOW);
        List<String> lines = qr.render(PAGE);

        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                int row = y + QUIET_ZONE;
                char cell = lines.get(row / 2).charAt(x + QUIET_ZONE);
                boolean drawn = row % 2 == 0 ? cell == '█' || cell == '▀' : cell == '█' || cell == '▄';
                assertThat(drawn).as("module (%d, %d)", x, y).isEqualTo(!code.getModule(x, y));
            }
        }
    }

    @Test
    void usesOnlyHalfBlocksFullBlocksAndSpaces() {
        assertThat(String.join("", qr.render(PAGE))).matches("[▀▄█ ]+");
    }

    @Test
    void isDeterministic() {
        assertThat(qr.render(PAGE)).isEqualTo(new QrText().render(PAGE));
    }

    @Test
    void aLongerTextNeedsALargerCode() {
        assertThat(qr.render(PAGE + "&x=" + "a".repeat(200)).size()).isGreaterThan(qr.render(PAGE).size());
    }

    @Test
    void drawsNothingForTextNoQrCodeCanHold() {
        assertThat(qr.render("x".repeat(8000))).isEmpty();
    }
}
