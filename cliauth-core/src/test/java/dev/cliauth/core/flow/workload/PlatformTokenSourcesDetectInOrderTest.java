package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload.TokenSource;
import dev.cliauth.core.oauth.OAuthHttp;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Without {@code --subject-token-source}, the first enabled of GitHub Actions, Azure, AWS and Kubernetes is used;
 * with none there, one line lists everything that was looked for. A named source is used even when it is missing,
 * so its own message says what it expected.
 */
class PlatformTokenSourcesDetectInOrderTest {
    private final Map<String, String> env = new HashMap<>();
    private final WorkloadTestBed.FakeFiles files = new WorkloadTestBed.FakeFiles();

    private PlatformTokenSources sources() {
        return new PlatformTokenSources(env, files, OAuthHttp.defaults());
    }

    private String detected() {
        return sources().select(Optional.empty()).name();
    }

    @Test
    void theListIsExplicitAndOrdered() {
        assertThat(sources().detectable()).extracting(PlatformTokenSource::name).containsExactly("GitHub Actions",
                "Azure workload identity", "AWS web identity");
    }

    @Test
    void thePodsServiceAccountTokenIsNeverPickedByItself() {
        // its audience is the cluster's API server: sent to a provider, it could be replayed there
        files.content.put(TokenSource.KUBERNETES_TOKEN, "k8s");
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> sources().select(Optional.empty()));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(sources().select(Optional.of(new TokenSource.Kubernetes(TokenSource.KUBERNETES_TOKEN))).name()).startsWith("Kubernetes");
    }

    @Test
    void theFirstEnabledSourceWins() {
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", "/aws/token");
        assertThat(detected()).isEqualTo("AWS web identity");
        env.put("AZURE_FEDERATED_TOKEN_FILE", "/azure/token");
        assertThat(detected()).isEqualTo("Azure workload identity");
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", "https://pipelines.actions.githubusercontent.com/x");
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "t");
        assertThat(detected()).isEqualTo("GitHub Actions");
    }

    @Test
    void withNothingThereOneLineSaysWhatWasExpected() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> sources().select(Optional.empty()));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("No platform token found: expected $ACTIONS_ID_TOKEN_REQUEST_URL")
                .contains("$AZURE_FEDERATED_TOKEN_FILE", "$AWS_WEB_IDENTITY_TOKEN_FILE").doesNotContain("kubernetes.io")
                .endsWith("or name the source with --subject-token-source.");
    }

    @Test
    void aNamedSourceIsUsedEvenWhenAnotherIsThere() {
        env.put("AZURE_FEDERATED_TOKEN_FILE", "/azure/token");
        PlatformTokenSource source = sources().select(Optional.of(new TokenSource.GitLab("GITLAB_OIDC_TOKEN")));
        assertThat(source.name()).isEqualTo("GitLab CI");
        assertThat(source.enabled()).isFalse();
    }
}
