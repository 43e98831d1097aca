package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.util.Map;

/**
 * A token the platform puts in an environment variable: GitLab CI's ID tokens (declared under {@code id_tokens:},
 * with their {@code aud} set there) and the generic {@code env:VAR}.
 */
public final class EnvVariableTokenSource implements PlatformTokenSource {
    private final String name;
    private final String variable;
    private final String hint;
    private final Map<String, String> env;

    /**
     * @param name     for messages: "GitLab CI", "environment"
     * @param variable the variable holding the token
     * @param hint     how a job gets it, appended to "expected $VAR": "(declare it under id_tokens: in .gitlab-ci.yml)"
     */
    public EnvVariableTokenSource(String name, String variable, String hint, Map<String, String> env) {
        this.name = name;
        this.variable = variable;
        this.hint = hint;
        this.env = env;
    }

    public static EnvVariableTokenSource gitLab(String variable, Map<String, String> env) {
        return new EnvVariableTokenSource("GitLab CI", variable, "(declare it under id_tokens: in .gitlab-ci.yml, with its aud)", env);
    }

    public static EnvVariableTokenSource generic(String variable, Map<String, String> env) {
        return new EnvVariableTokenSource("environment variable $" + variable, variable, "", env);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String expects() {
        return "$" + variable + (hint.isEmpty() ? "" : " " + hint);
    }

    @Override
    public boolean enabled() {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }

    @Override
    public PlatformToken provide(String audience) {
        if (!enabled()) {
            throw new CliauthException(Failure.CONFIGURATION, "No platform token: expected it in " + expects() + ", which is not set.");
        }
        return new PlatformToken(env.get(variable).trim(), name);
    }
}
