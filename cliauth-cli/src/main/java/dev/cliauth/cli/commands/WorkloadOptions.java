package dev.cliauth.cli.commands;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.config.Workload.ClientAuth;
import dev.cliauth.core.config.Workload.SecretRef;
import dev.cliauth.core.config.Workload.TokenSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code configure} flags of a workload profile (CI and automation: tokens without a browser). With
 * {@code --grant} they describe the workload afresh; without it, the given flags change the saved workload.
 * They name where secrets are — a variable, a file — and {@code --client-secret} exists only to refuse a secret on
 * the command line, where shell history and process lists keep it.
 */
public final class WorkloadOptions {
    static final String SECRET_ON_COMMAND_LINE = "never pass a secret on the command line (shell history and process lists keep it;"
            + " if that was a real secret, rotate it); use --client-secret-env VAR or --client-secret-file PATH";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--grant", paramLabel = "GRANT",
            description = "Make this a workload profile (CI, automation; no browser): client_credentials, token_exchange or jwt_bearer.")
    String grant;

    @Option(names = "--client-secret-env", paramLabel = "VAR", description = "Read the client secret from this environment variable when a token is needed.")
    String secretEnv;

    @Option(names = "--client-secret-file", paramLabel = "PATH", description = "Read the client secret from this file when a token is needed.")
    String secretFile;

    @Option(names = "--private-key-file", paramLabel = "PATH",
            description = "Authenticate with private_key_jwt (RFC 7523), signing with this PKCS#8 PEM key (RSA or EC).")
    String privateKeyFile;

    @Option(names = "--key-id", paramLabel = "KID", description = "The key id (kid) the provider knows the private key by.")
    String keyId;

    @Option(names = "--client-auth", paramLabel = "METHOD",
            description = "client_secret_basic (default with a secret), client_secret_post, private_key_jwt or none.")
    String clientAuth;

    @Option(names = {"--federated", "--client-assertion-from-source"},
            description = "Authenticate the client with the platform token itself as client_assertion (workload identity federation, e.g. Entra ID).")
    boolean federated;

    @Option(names = "--subject-token-source", paramLabel = "SOURCE",
            description = "Where the platform's token comes from: github-actions, gitlab:VAR, kubernetes[:PATH], file:PATH, env:VAR, azure or aws"
                    + " (default: detect GitHub Actions, Azure, AWS, Kubernetes).")
    String subjectTokenSource;

    @Option(names = "--audience", paramLabel = "AUD",
            description = "The audience the platform token must be for before it is sent, and the one GitHub Actions is asked for"
                    + " (default: the issuer). Other platforms set it where they issue the token (GitLab id_tokens: aud, a projected"
                    + " service-account token's audience): give the same value here.")
    String audience;

    @Option(names = "--subject-token-type", paramLabel = "TYPE",
            description = "token_exchange's subject_token_type: jwt (default), id_token or access_token.")
    String subjectTokenType;

    /** Refuses a secret given on the command line, without repeating it. */
    @Option(names = "--client-secret", hidden = true, arity = "0..1", paramLabel = "SECRET")
    void clientSecret(String ignored) {
        throw new ParameterException(spec.commandLine(), SECRET_ON_COMMAND_LINE);
    }

    /** Whether any workload flag was given. */
    boolean given() {
        return grant != null || secretEnv != null || secretFile != null || privateKeyFile != null || keyId != null || clientAuth != null
                || federated || subjectTokenSource != null || audience != null || subjectTokenType != null;
    }

    /**
     * The workload after this command: the saved one when no flag is given, one built from the flags alone when
     * {@code --grant} is given, else the saved one with the given flags replacing its settings.
     *
     * @param env      the environment {@code configure} runs in
     * @param warnings one line each: a {@code --client-secret-env} variable not set here (a profile is often written
     *                 where the secret is not, the CI runner has it)
     */
    Optional<Workload> apply(Optional<Workload> saved, Map<String, String> env, java.util.function.Consumer<String> warnings) {
        if (!given()) {
            return saved;
        }
        Optional<Workload> base = grant != null ? Optional.empty() : saved;
        if (base.isEmpty() && grant == null) {
            throw new CliauthException(Failure.CONFIGURATION, "Workload flags need a grant: give --grant client_credentials, token_exchange or jwt_bearer.");
        }
        if (secretEnv != null && !env.containsKey(secretEnv)) {
            // the name is not repeated: a shell-expanded "$CI_SECRET" here would be the secret itself
            warnings.accept("cliauth: warning: the variable --client-secret-env names is not set here; it must be set where 'cliauth token'"
                    + " runs (your CI's secret store). If you typed $NAME, the shell put the secret itself in the profile: run configure"
                    + " again with the variable's name (CI_SECRET, not $CI_SECRET).");
        }
        Workload.Grant g = grant != null ? Workload.Grant.parse(grant) : base.get().grant();
        return Optional.of(new Workload(g, clientAuth(base.map(Workload::clientAuth)),
                subjectTokenSource != null ? Optional.of(absolute(TokenSource.parse(subjectTokenSource))) : base.flatMap(Workload::subjectTokenSource),
                audience != null ? Optional.of(audience) : base.flatMap(Workload::audience),
                subjectTokenType != null ? Optional.of(Workload.SubjectTokenType.parse(subjectTokenType)) : base.flatMap(Workload::subjectTokenType)));
    }

    private ClientAuth clientAuth(Optional<ClientAuth> saved) {
        int credentials = (secretEnv != null ? 1 : 0) + (secretFile != null ? 1 : 0) + (privateKeyFile != null ? 1 : 0) + (federated ? 1 : 0);
        if (credentials > 1) {
            throw invalid("give only one of --client-secret-env, --client-secret-file, --private-key-file and --federated.");
        }
        String method = clientAuth;
        if (keyId != null && privateKeyFile == null && !(saved.orElse(null) instanceof ClientAuth.PrivateKey)) {
            throw invalid("--key-id goes with --private-key-file PATH.");
        }
        if (secretEnv != null || secretFile != null) {
            SecretRef ref = secretEnv != null ? new SecretRef.EnvVariable(secretEnv) : new SecretRef.SecretFile(path(secretFile, "--client-secret-file"));
            return new ClientAuth.Secret(ref, secretMethod(method, secretEnv != null ? "--client-secret-env" : "--client-secret-file"));
        }
        if (privateKeyFile != null) {
            requireMethod(method, "private_key_jwt", "--private-key-file");
            return new ClientAuth.PrivateKey(path(privateKeyFile, "--private-key-file"), Optional.ofNullable(keyId));
        }
        if (federated) {
            if (method != null) {
                throw invalid("--client-auth does not go with --federated: the platform token is the client's credential.");
            }
            return new ClientAuth.Federated();
        }
        // no credential flag: change the saved credential's method or key id, if that is what was given
        ClientAuth current = saved.orElse(new ClientAuth.None());
        if (keyId != null) {
            ClientAuth.PrivateKey key = (ClientAuth.PrivateKey) current;
            return new ClientAuth.PrivateKey(key.keyFile(), Optional.of(keyId));
        }
        if (method == null) {
            return current;
        }
        switch (method) {
            case "none":
                return new ClientAuth.None();
            case "client_secret_basic":
            case "client_secret_post":
                if (current instanceof ClientAuth.Secret secret) {
                    return new ClientAuth.Secret(secret.secret(), method.equals("client_secret_post"));
                }
                throw invalid("--client-auth " + method + " needs --client-secret-env VAR or --client-secret-file PATH.");
            case "private_key_jwt":
                if (current instanceof ClientAuth.PrivateKey) {
                    return current;
                }
                throw invalid("--client-auth private_key_jwt needs --private-key-file PATH.");
            default:
                throw invalid("Unknown --client-auth '" + method + "'; give client_secret_basic, client_secret_post, private_key_jwt or none.");
        }
    }

    private static boolean secretMethod(String method, String flag) {
        if (method == null || method.equals("client_secret_basic")) {
            return false;
        }
        if (method.equals("client_secret_post")) {
            return true;
        }
        throw invalid("--client-auth " + method + " does not go with " + flag + "; give client_secret_basic or client_secret_post.");
    }

    private static void requireMethod(String method, String expected, String flag) {
        if (method != null && !method.equals(expected)) {
            throw invalid("--client-auth " + method + " does not go with " + flag + ", which means " + expected + ".");
        }
    }

    /** Paths are stored absolute: {@code cliauth token} may run from another directory. */
    private static Path path(String text, String flag) {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(flag + " needs a file path.");
        }
    }

    private static TokenSource absolute(TokenSource source) {
        if (source instanceof TokenSource.TokenFile file) {
            return new TokenSource.TokenFile(file.file().toAbsolutePath().normalize());
        } else if (source instanceof TokenSource.Kubernetes kubernetes) {
            return new TokenSource.Kubernetes(kubernetes.file().toAbsolutePath().normalize());
        }
        return source;
    }

    private static CliauthException invalid(String message) {
        return new CliauthException(Failure.CONFIGURATION, message);
    }
}
