package dev.cliauth.core.flow.device;

/**
 * How the device login talks to the person.
 *
 * @param openBrowser also open the verification page in a browser on this machine (the code is printed either way)
 * @param showQr      print the verification page as a QR code, for a phone
 * @param countdown   a terminal is attached: show the time left at each poll
 */
public record DeviceOptions(boolean openBrowser, boolean showQr, boolean countdown) {
}
