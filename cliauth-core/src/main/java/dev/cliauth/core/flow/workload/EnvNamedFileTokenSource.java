package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A token file whose path the platform puts in a variable: Azure workload identity
 * ({@code AZURE_FEDERATED_TOKEN_FILE}) and AWS web identity ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, EKS IRSA).
 */
public final class EnvNamedFileTokenSource implements PlatformTokenSource {
    private final String name;
    private final String variable;
    private final Map<String, String> env;
    private final SecretFiles files;

    public EnvNamedFileTokenSource(String name, String variable, Map<String, String> env, SecretFiles files) {
        this.name = name;
        this.variable = variable;
        this.env = env;
        this.files = files;
    }

    public static EnvNamedFileTokenSource azure(Map<String, String> env, SecretFiles files) {
        return new EnvNamedFileTokenSource("Azure workload identity", "AZURE_FEDERATED_TOKEN_FILE", env, files);
    }

    public static EnvNamedFileTokenSource aws(Map<String, String> env, SecretFiles files) {
        return new EnvNamedFileTokenSource("AWS web identity", "AWS_WEB_IDENTITY_TOKEN_FILE", env, files);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String expects() {
        return "$" + variable + " (" + name + ")";
    }

    @Override
    public boolean enabled() {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }

    @Override
    public PlatformToken provide(String audience) {
        if (!enabled()) {
            throw new CliauthException(Failure.CONFIGURATION, "No platform token: expected " + expects() + ", which is not set.");
        }
        Path file;
        try {
            file = Path.of(env.get(variable).trim());
        } catch (InvalidPathException e) {
            throw new CliauthException(Failure.CONFIGURATION, "$" + variable + " is not a file path.");
        }
        return new PlatformToken(FileTokenSource.read(files, file, "the file " + file + " named by $" + variable), name);
    }
}
