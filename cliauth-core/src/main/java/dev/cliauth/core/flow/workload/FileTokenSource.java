package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A token the platform keeps in a file: the Kubernetes projected service-account token, {@code file:PATH}. Read
 * again on every use, never cached here: the kubelet and others rotate these files well before they expire.
 */
public final class FileTokenSource implements PlatformTokenSource {
    private final String name;
    private final Path file;
    private final SecretFiles files;

    /** @param name for messages: "Kubernetes", "file" */
    public FileTokenSource(String name, Path file, SecretFiles files) {
        this.name = name;
        this.file = file;
        this.files = files;
    }

    @Override
    public String name() {
        return name + " token file " + file;
    }

    @Override
    public String expects() {
        return "the file " + file + (name.equals("Kubernetes") ? " (a projected service-account token)" : "");
    }

    @Override
    public boolean enabled() {
        return files.exists(file);
    }

    @Override
    public PlatformToken provide(String audience) {
        return new PlatformToken(read(files, file, expects()), name());
    }

    /** Reads a token file: one line, surrounding whitespace dropped. */
    static String read(SecretFiles files, Path file, String expected) {
        String text;
        try {
            text = files.read(file);
        } catch (NoSuchFileException e) {
            throw new CliauthException(Failure.CONFIGURATION, "No platform token: expected " + expected + ", which does not exist.");
        } catch (IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot read the platform token file " + file + ": " + e.getMessage() + ".");
        }
        if (text.isBlank()) {
            throw new CliauthException(Failure.CONFIGURATION, "The platform token file " + file + " is empty; expected " + expected + ".");
        }
        return text.strip();
    }
}
