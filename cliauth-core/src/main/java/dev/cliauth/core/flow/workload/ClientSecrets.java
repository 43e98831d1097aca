package dev.cliauth.core.flow.workload;

import com.nimbusds.oauth2.sdk.auth.Secret;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload.SecretRef;
import dev.cliauth.core.flow.Terminal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a client secret where the profile says it is, at the moment it is needed: from an environment variable
 * (CI secret stores inject them) or a file (Kubernetes secret volumes, Docker secrets). A file's trailing line break
 * is dropped, as {@code echo "$S" > file} adds one.
 *
 * <p>A secret file other users can read gets a warning, not a refusal: Kubernetes secret volumes and CI workspaces
 * are 0644 by default inside a container or runner that only the workload uses, and refusing them would break the
 * commonest deployments; on a shared machine the warning tells the person what to fix.
 */
final class ClientSecrets {
    private final Map<String, String> env;
    private final SecretFiles files;
    private final Terminal warnings;

    ClientSecrets(Map<String, String> env, SecretFiles files, Terminal warnings) {
        this.env = env;
        this.files = files;
        this.warnings = warnings;
    }

    Secret read(SecretRef ref) {
        if (ref instanceof SecretRef.EnvVariable variable) {
            String value = env.get(variable.name());
            if (value == null || value.isEmpty()) {
                throw new CliauthException(Failure.CONFIGURATION, "The client secret is expected in $" + variable.name()
                        + ", which is not set; set it from your CI's secret store.");
            }
            return new Secret(value);
        }
        Path file = ((SecretRef.SecretFile) ref).path();
        String value = stripLineBreak(readFile(files, warnings, file, "client secret"));
        if (value.isEmpty()) {
            throw new CliauthException(Failure.CONFIGURATION, "The client secret file " + file + " is empty.");
        }
        return new Secret(value);
    }

    /** Reads a credential file (secret or key), warning when others may read it; never puts its content in a message. */
    static String readFile(SecretFiles files, Terminal warnings, Path file, String what) {
        try {
            String text = files.read(file);
            if (files.readableByOthers(file)) {
                warnings.println("cliauth: warning: the " + what + " file " + file + " can be read by other users; chmod 600 it"
                        + " (on Kubernetes, give the secret volume defaultMode: 0400).");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new CliauthException(Failure.CONFIGURATION, "The " + what + " file " + file + " does not exist.");
        } catch (IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot read the " + what + " file " + file + ": "
                    + e.getClass().getSimpleName() + ".");
        }
    }

    private static String stripLineBreak(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
