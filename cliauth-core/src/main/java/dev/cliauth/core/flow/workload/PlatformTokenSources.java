package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload.TokenSource;
import dev.cliauth.core.oauth.OAuthHttp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a profile's {@code --subject-token-source} into a {@link PlatformTokenSource}, or, when it names none, takes
 * the first enabled one from an explicit, ordered list — GitHub Actions, Azure, AWS — the platforms that hand a job a
 * token meant for federation, signalled by variables of their own. The pod's default Kubernetes service-account
 * token is never picked by itself: its audience is the cluster's API server, and sent to a provider it could be
 * replayed there; it is used only when a profile names {@code kubernetes[:PATH]} (and then its audience is checked).
 * There is no registry: this class is the whole list.
 */
public final class PlatformTokenSources {
    private final Map<String, String> env;
    private final SecretFiles files;
    private final OAuthHttp http;

    public PlatformTokenSources(Map<String, String> env, SecretFiles files, OAuthHttp http) {
        this.env = Map.copyOf(env);
        this.files = files;
        this.http = http;
    }

    /** The source a profile names. */
    public PlatformTokenSource of(TokenSource spec) {
        if (spec instanceof TokenSource.GitHubActions) {
            return new GitHubActionsTokenSource(env, http);
        } else if (spec instanceof TokenSource.GitLab gitLab) {
            return EnvVariableTokenSource.gitLab(gitLab.variable(), env);
        } else if (spec instanceof TokenSource.Kubernetes kubernetes) {
            return new FileTokenSource("Kubernetes", kubernetes.file(), files);
        } else if (spec instanceof TokenSource.TokenFile tokenFile) {
            return new FileTokenSource("file", tokenFile.file(), files);
        } else if (spec instanceof TokenSource.EnvVariable variable) {
            return EnvVariableTokenSource.generic(variable.variable(), env);
        } else if (spec instanceof TokenSource.Azure) {
            return EnvNamedFileTokenSource.azure(env, files);
        } else if (spec instanceof TokenSource.Aws) {
            return EnvNamedFileTokenSource.aws(env, files);
        }
        throw new IllegalArgumentException("unknown token source " + spec.spec());
    }

    /** The sources tried, in order, when a profile names none. */
    public List<PlatformTokenSource> detectable() {
        return List.of(new GitHubActionsTokenSource(env, http), EnvNamedFileTokenSource.azure(env, files), EnvNamedFileTokenSource.aws(env, files));
    }

    /**
     * The configured source, whether or not it is enabled (its {@code provide} then says what is missing), or the
     * first enabled detectable one.
     *
     * @throws CliauthException {@code CONFIGURATION} naming everything that was looked for, when none is there
     */
    public PlatformTokenSource select(Optional<TokenSource> configured) {
        if (configured.isPresent()) {
            return of(configured.get());
        }
        List<PlatformTokenSource> candidates = detectable();
        return candidates.stream().filter(PlatformTokenSource::enabled).findFirst()
                .orElseThrow(() -> new CliauthException(Failure.CONFIGURATION, "No platform token found: expected "
                        + candidates.stream().map(PlatformTokenSource::expects).collect(Collectors.joining(", or "))
                        + "; or name the source with --subject-token-source."));
    }
}
