package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a workload profile (CI job, service, script) gets tokens with no person and no browser: the grant, how the
 * client authenticates, and where the platform's own OIDC token comes from. It names secrets (an environment
 * variable, a file) and never holds one, so a profile file is never a credential.
 *
 * <p>Combinations that cannot work are refused here, with the command-line flags that would fix them, so a broken
 * profile is found by {@code configure} rather than by the first CI run. The federated form of {@code jwt_bearer}
 * (platform token as the client assertion) is stored as what goes on the wire: {@code client_credentials} with
 * {@link ClientAuth.Federated}.
 *
 * @param grant              the token request's grant
 * @param clientAuth         how the client authenticates at the token endpoint
 * @param subjectTokenSource where the platform token comes from; empty means "detect it" (GitHub Actions, Azure,
 *                           AWS, Kubernetes, in that order)
 * @param audience           the audience the platform token must carry before it is sent (and the one GitHub Actions
 *                           is asked for, the only platform that lets the job choose); empty means the issuer
 * @param subjectTokenType   the token exchange's {@code subject_token_type}; empty means {@link SubjectTokenType#JWT}
 */
public record Workload(Grant grant, ClientAuth clientAuth, Optional<TokenSource> subjectTokenSource, Optional<String> audience,
                       Optional<SubjectTokenType> subjectTokenType) {

    private static final String AUTH_FLAGS = "--client-secret-env VAR, --client-secret-file PATH, --private-key-file PATH or --federated";

    public Workload {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(subjectTokenSource, "subjectTokenSource");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(subjectTokenType, "subjectTokenType");
        if (grant == Grant.JWT_BEARER && clientAuth instanceof ClientAuth.Federated) {
            grant = Grant.CLIENT_CREDENTIALS; // RFC 7523 §2.2: the assertion authenticates the client of a client_credentials request
        }
        if (grant == Grant.CLIENT_CREDENTIALS && clientAuth instanceof ClientAuth.None) {
            throw invalid("--grant client_credentials needs client authentication: give " + AUTH_FLAGS + ".");
        }
        if (grant == Grant.TOKEN_EXCHANGE && clientAuth instanceof ClientAuth.Federated) {
            throw invalid("--federated makes the platform token the client's credential; use it with --grant client_credentials"
                    + " or jwt_bearer, not token_exchange (there the platform token is the subject_token).");
        }
        if (subjectTokenType.isPresent() && grant != Grant.TOKEN_EXCHANGE) {
            throw invalid("--subject-token-type is only used with --grant token_exchange.");
        }
        boolean platformToken = grant != Grant.CLIENT_CREDENTIALS || clientAuth instanceof ClientAuth.Federated;
        if (!platformToken && (subjectTokenSource.isPresent() || audience.isPresent())) {
            throw invalid((subjectTokenSource.isPresent() ? "--subject-token-source" : "--audience")
                    + " is for a platform token, which only --grant token_exchange, --grant jwt_bearer or --federated use;"
                    + " --grant client_credentials with " + clientAuth.method() + " does not.");
        }
        if (audience.isPresent() && audience.get().isBlank()) {
            throw invalid("--audience must not be empty.");
        }
    }

    /** Whether the token request carries a platform token (as subject, assertion, or client assertion). */
    public boolean usesPlatformToken() {
        return grant != Grant.CLIENT_CREDENTIALS || clientAuth instanceof ClientAuth.Federated;
    }

    /** The subject token type to send, defaulting to {@link SubjectTokenType#JWT}. */
    public SubjectTokenType subjectTokenTypeOrDefault() {
        return subjectTokenType.orElse(SubjectTokenType.JWT);
    }

    /** One line for people: "client_credentials, client_secret_basic with the secret in $CI_SECRET". */
    public String describe() {
        StringBuilder line = new StringBuilder(grant.value()).append(", ").append(clientAuth.describe());
        if (usesPlatformToken()) {
            line.append(", platform token from ").append(subjectTokenSource.map(TokenSource::spec).orElse("the detected CI platform"));
            audience.ifPresent(a -> line.append(" (audience ").append(a).append(')'));
        }
        subjectTokenType.ifPresent(t -> line.append(", subject token type ").append(t.value()));
        return line.toString();
    }

    static CliauthException invalid(String message) {
        return new CliauthException(Failure.CONFIGURATION, message);
    }

    /** The grant of the token request. */
    public enum Grant {
        /** RFC 6749 §4.4. */
        CLIENT_CREDENTIALS("client_credentials"),
        /** RFC 8693: the platform token is the {@code subject_token}. */
        TOKEN_EXCHANGE("token_exchange"),
        /** RFC 7523 §2.1: the platform token is the {@code assertion}. */
        JWT_BEARER("jwt_bearer");

        private final String value;

        Grant(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Grant parse(String text) {
            for (Grant grant : values()) {
                if (grant.value.equals(text)) {
                    return grant;
                }
            }
            throw invalid("Unknown grant '" + text + "'; give --grant client_credentials, token_exchange or jwt_bearer.");
        }
    }

    /** RFC 8693 §3 token type identifiers for the {@code subject_token_type}. */
    public enum SubjectTokenType {
        JWT("jwt"),
        ID_TOKEN("id_token"),
        /** What Keycloak's standard token exchange accepts: a token it issued itself. */
        ACCESS_TOKEN("access_token");

        private final String value;

        SubjectTokenType(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** The URN sent on the wire, e.g. {@code urn:ietf:params:oauth:token-type:jwt}. */
        public String urn() {
            return "urn:ietf:params:oauth:token-type:" + value;
        }

        public static SubjectTokenType parse(String text) {
            for (SubjectTokenType type : values()) {
                if (type.value.equals(text) || type.urn().equals(text)) {
                    return type;
                }
            }
            throw invalid("Unknown subject token type '" + text + "'; give --subject-token-type jwt, id_token or access_token.");
        }
    }

    /** Where a client secret is read at the moment it is needed; the secret itself is never stored. */
    public sealed interface SecretRef {
        /** "$NAME" or "file PATH", for messages. */
        String describe();

        /** {@code --client-secret-env VAR}. */
        record EnvVariable(String name) implements SecretRef {
            public EnvVariable {
                checkVariable(name, "--client-secret-env");
            }

            @Override
            public String describe() {
                return "$" + name;
            }
        }

        /** {@code --client-secret-file PATH}. */
        record SecretFile(Path path) implements SecretRef {
            public SecretFile {
                checkPath(path, "--client-secret-file");
            }

            @Override
            public String describe() {
                return "file " + path;
            }
        }
    }

    /** Client authentication at the token endpoint (RFC 6749 §2.3, OpenID Connect Core §9, RFC 7523 §2.2). */
    public sealed interface ClientAuth {
        /** The {@code token_endpoint_auth_method} name, or {@code none} / {@code federated}. */
        String method();

        /** For people, without any secret. */
        String describe();

        /** A public client: only {@code client_id} is sent. */
        record None() implements ClientAuth {
            @Override
            public String method() {
                return "none";
            }

            @Override
            public String describe() {
                return "no client authentication";
            }
        }

        /** {@code client_secret_basic} or {@code client_secret_post}. */
        record Secret(SecretRef secret, boolean post) implements ClientAuth {
            public Secret {
                Objects.requireNonNull(secret, "secret");
            }

            @Override
            public String method() {
                return post ? "client_secret_post" : "client_secret_basic";
            }

            @Override
            public String describe() {
                return method() + " with the secret in " + secret.describe();
            }
        }

        /** {@code private_key_jwt}: a JWT signed with a PKCS#8 PEM key (RSA or EC) that only the workload holds. */
        record PrivateKey(Path keyFile, Optional<String> keyId) implements ClientAuth {
            public PrivateKey {
                checkPath(keyFile, "--private-key-file");
                Objects.requireNonNull(keyId, "keyId");
                if (keyId.isPresent() && keyId.get().isBlank()) {
                    throw invalid("--key-id must not be empty.");
                }
            }

            @Override
            public String method() {
                return "private_key_jwt";
            }

            @Override
            public String describe() {
                return "private_key_jwt with the key in " + keyFile + keyId.map(k -> " (key id " + k + ")").orElse("");
            }
        }

        /** The platform token itself is the client assertion (workload identity federation, as in Entra ID). */
        record Federated() implements ClientAuth {
            @Override
            public String method() {
                return "federated";
            }

            @Override
            public String describe() {
                return "the platform token as client assertion";
            }
        }
    }

    /**
     * Where the platform's own OIDC token comes from, as given to {@code --subject-token-source}:
     * {@code github-actions | gitlab:VAR | kubernetes[:PATH] | file:PATH | env:VAR | azure | aws}.
     */
    public sealed interface TokenSource {
        /** The kubelet's projected service-account token. */
        Path KUBERNETES_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

        /** The text {@link #parse} reads back. */
        String spec();

        record GitHubActions() implements TokenSource {
            @Override
            public String spec() {
                return "github-actions";
            }
        }

        /** A GitLab CI ID token, declared under {@code id_tokens:} and handed to the job in {@code variable}. */
        record GitLab(String variable) implements TokenSource {
            public GitLab {
                checkVariable(variable, "--subject-token-source gitlab:VAR");
            }

            @Override
            public String spec() {
                return "gitlab:" + variable;
            }
        }

        record Kubernetes(Path file) implements TokenSource {
            public Kubernetes {
                checkPath(file, "--subject-token-source kubernetes:PATH");
            }

            @Override
            public String spec() {
                return file.equals(KUBERNETES_TOKEN) ? "kubernetes" : "kubernetes:" + file;
            }
        }

        record TokenFile(Path file) implements TokenSource {
            public TokenFile {
                checkPath(file, "--subject-token-source file:PATH");
            }

            @Override
            public String spec() {
                return "file:" + file;
            }
        }

        record EnvVariable(String variable) implements TokenSource {
            public EnvVariable {
                checkVariable(variable, "--subject-token-source env:VAR");
            }

            @Override
            public String spec() {
                return "env:" + variable;
            }
        }

        /** Azure workload identity: the file named by {@code AZURE_FEDERATED_TOKEN_FILE}. */
        record Azure() implements TokenSource {
            @Override
            public String spec() {
                return "azure";
            }
        }

        /** AWS (EKS IRSA and others): the file named by {@code AWS_WEB_IDENTITY_TOKEN_FILE}. */
        record Aws() implements TokenSource {
            @Override
            public String spec() {
                return "aws";
            }
        }

        /** Parses a {@code --subject-token-source} value; relative paths stay as given (the CLI makes them absolute). */
        static TokenSource parse(String spec) {
            String text = spec == null ? "" : spec.trim();
            int colon = text.indexOf(':');
            String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? null : text.substring(colon + 1);
            TokenSource source = switch (kind) {
                case "github-actions" -> arg == null ? new GitHubActions() : null;
                case "azure" -> arg == null ? new Azure() : null;
                case "aws" -> arg == null ? new Aws() : null;
                case "kubernetes" -> new Kubernetes(arg == null ? KUBERNETES_TOKEN : path(arg));
                case "gitlab" -> arg == null ? null : new GitLab(arg);
                case "env" -> arg == null ? null : new EnvVariable(arg);
                case "file" -> arg == null ? null : new TokenFile(path(arg));
                default -> null;
            };
            if (source == null) {
                // not echoed: a token pasted here by mistake must not reach a CI log
                throw invalid("Unknown --subject-token-source value; give github-actions, gitlab:VAR, kubernetes[:PATH],"
                        + " file:PATH, env:VAR, azure or aws.");
            }
            return source;
        }

        private static Path path(String text) {
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw invalid("'" + text + "' is not a file path.");
            }
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static void checkVariable(String name, String flag) {
        if (name == null || !VARIABLE.matcher(name).matches()) {
            // never echo the value: a shell-expanded "$CI_SECRET" here is the secret itself
            throw invalid(flag + " needs the name of an environment variable (letters, digits and '_'): CI_SECRET, not $CI_SECRET.");
        }
    }

    private static void checkPath(Path path, String flag) {
        if (path == null || path.toString().isBlank()) {
            throw invalid(flag + " needs a file path.");
        }
    }
}
