package dev.cliauth.core.flow.workload;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload.TokenSource;
import dev.cliauth.core.oauth.OAuthHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sources that read a variable or a file: GitLab CI, env:VAR, file:PATH, Kubernetes, Azure and AWS. */
class FileAndEnvironmentTokenSourcesTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final WorkloadTestBed.FakeFiles fakeFiles = new WorkloadTestBed.FakeFiles();

    private PlatformTokenSources sources() {
        return new PlatformTokenSources(env, SecretFiles.system(), OAuthHttp.defaults());
    }

    private static CliauthException failure(PlatformTokenSource source) {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> source.provide("aud"));
        assertThat(e).isNotNull();
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void aTokenFileIsReadAgainEachTimeBecausePlatformsRotateIt() {
        Path file = WorkloadTestBed.write(dir.resolve("token"), "first-token\n");
        PlatformTokenSource source = sources().of(new TokenSource.TokenFile(file));
        assertThat(source.enabled()).isTrue();
        assertThat(source.provide("aud").value()).isEqualTo("first-token");

        WorkloadTestBed.write(file, "  rotated-token  \n");
        assertThat(source.provide("aud").value()).isEqualTo("rotated-token");
    }

    @Test
    void aMissingTokenFileIsNamed() {
        Path file = dir.resolve("missing");
        PlatformTokenSource source = sources().of(new TokenSource.TokenFile(file));
        assertThat(source.enabled()).isFalse();
        assertThat(failure(source).getMessage()).isEqualTo("No platform token: expected the file " + file + ", which does not exist.");
    }

    @Test
    void anEmptyTokenFileIsNamed() {
        Path file = WorkloadTestBed.write(dir.resolve("token"), "\n");
        assertThat(failure(sources().of(new TokenSource.TokenFile(file))).getMessage()).contains(file + " is empty");
    }

    @Test
    void kubernetesReadsTheProjectedServiceAccountTokenAtItsDefaultPath() {
        fakeFiles.content.put(TokenSource.KUBERNETES_TOKEN, "k8s-sa-token\n");
        PlatformTokenSource source = new PlatformTokenSources(env, fakeFiles, OAuthHttp.defaults())
                .of(TokenSource.parse("kubernetes"));
        assertThat(source.provide("ignored").value()).isEqualTo("k8s-sa-token");
        assertThat(source.name()).isEqualTo("Kubernetes token file /var/run/secrets/kubernetes.io/serviceaccount/token");

        fakeFiles.content.clear();
        assertThat(failure(source).getMessage()).isEqualTo("No platform token: expected the file"
                + " /var/run/secrets/kubernetes.io/serviceaccount/token (a projected service-account token), which does not exist.");
    }

    @Test
    void kubernetesTakesAnotherPath() {
        Path file = WorkloadTestBed.write(dir.resolve("vault-token"), "projected-for-vault");
        assertThat(sources().of(TokenSource.parse("kubernetes:" + file)).provide("aud").value()).isEqualTo("projected-for-vault");
    }

    @Test
    void gitLabReadsTheIdTokenVariableTheProfileNames() {
        env.put("CLIAUTH_ID_TOKEN", "gitlab-id-token");
        PlatformTokenSource source = sources().of(new TokenSource.GitLab("CLIAUTH_ID_TOKEN"));
        assertThat(source.provide("ignored").value()).isEqualTo("gitlab-id-token");

        env.clear();
        assertThat(failure(sources().of(new TokenSource.GitLab("CLIAUTH_ID_TOKEN"))).getMessage()).isEqualTo("No platform token: expected it in $CLIAUTH_ID_TOKEN"
                + " (declare it under id_tokens: in .gitlab-ci.yml, with its aud), which is not set.");
    }

    @Test
    void anEnvironmentVariable() {
        env.put("MY_TOKEN", " a-token \n");
        assertThat(sources().of(new TokenSource.EnvVariable("MY_TOKEN")).provide("aud").value()).isEqualTo("a-token");
        env.put("MY_TOKEN", "");
        assertThat(failure(sources().of(new TokenSource.EnvVariable("MY_TOKEN"))).getMessage()).contains("$MY_TOKEN");
    }

    @Test
    void azureAndAwsReadTheFileTheirVariableNames() {
        env.put("AZURE_FEDERATED_TOKEN_FILE", WorkloadTestBed.write(dir.resolve("azure"), "azure-token").toString());
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", WorkloadTestBed.write(dir.resolve("aws"), "aws-token").toString());
        assertThat(sources().of(new TokenSource.Azure()).provide("aud").value()).isEqualTo("azure-token");
        assertThat(sources().of(new TokenSource.Aws()).provide("aud").value()).isEqualTo("aws-token");
    }

    @Test
    void azureAndAwsSayWhichVariableWasExpected() {
        assertThat(failure(sources().of(new TokenSource.Azure())).getMessage())
                .isEqualTo("No platform token: expected $AZURE_FEDERATED_TOKEN_FILE (Azure workload identity), which is not set.");
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("gone").toString());
        assertThat(failure(sources().of(new TokenSource.Aws())).getMessage())
                .isEqualTo("No platform token: expected the file " + dir.resolve("gone") + " named by $AWS_WEB_IDENTITY_TOKEN_FILE, which does not exist.");
    }
}
