package dev.cliauth.core.flow.device;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a QR code as text, two modules per character cell with the half blocks {@code ▀ ▄ █}, so a phone can
 * scan the verification page straight off the terminal.
 *
 * <p>Terminals mostly draw light text on a dark background, and scanners want dark modules on light: so the
 * <em>light</em> modules, including the {@link #QUIET_ZONE} of four modules all round (ISO/IEC 18004), are the ones
 * drawn, and dark modules are spaces. Error correction is LOW (raised when it costs no size): a screen does not
 * smudge, and smaller codes scan better from a terminal.
 */
public final class QrText {
    /** Light modules around the symbol, as the QR standard asks. */
    public static final int QUIET_ZONE = 4;

    /**
     * The lines of the drawing, all the same width ({@code size + 2 * QUIET_ZONE} characters), or no lines if
     * the text is too long for any QR code.
     */
    public List<String> render(String text) {
        QrCode qr;
        try {
            qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        } catch (DataTooLongException e) {
            return List.of();
        }
        int extent = qr.size + 2 * QUIET_ZONE;
        List<String> lines = new ArrayList<>();
        for (int y = 0; y < extent; y += 2) {
            StringBuilder line = new StringBuilder(extent);
            for (int x = 0; x < extent; x++) {
                boolean top = light(qr, x, y);
                boolean bottom = y + 1 < extent && light(qr, x, y + 1); // below the last quiet row: terminal background
                line.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Whether the module at ({@code x}, {@code y}) of the drawing, quiet zone included, is light. */
    private static boolean light(QrCode qr, int x, int y) {
        return !qr.getModule(x - QUIET_ZONE, y - QUIET_ZONE); // getModule answers false (light) outside the symbol
    }
}
