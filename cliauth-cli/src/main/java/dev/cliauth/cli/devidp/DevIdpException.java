package dev.cliauth.cli.devidp;

/**
 * The dev IdP could not be fetched, started or stopped. The message is one line that tells the user what to do
 * (the CLI prints it as is), so it names the port, the file or the log involved.
 */
public final class DevIdpException extends RuntimeException {
    public DevIdpException(String message) {
        super(message);
    }

    public DevIdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
