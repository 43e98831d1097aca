package dev.cliauth.cli.helpers;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExecCredentialTest {
    @Test
    void theJsonKubectlReadsWithAnRfc3339ExpiryInWholeSeconds() throws Exception {
        String json = new ExecCredential(ExecInfo.V1BETA1, "a.b+c/d=", Optional.of(Instant.parse("2030-05-06T07:08:09.987Z"))).toJson();
        Map<String, Object> parsed = JSONObjectUtils.parse(json);
        assertThat(parsed).containsOnlyKeys("apiVersion", "kind", "status")
                .containsEntry("apiVersion", "client.authentication.k8s.io/v1beta1").containsEntry("kind", "ExecCredential");
        assertThat(JSONObjectUtils.getJSONObject(parsed, "status")).containsEntry("token", "a.b+c/d=").containsEntry("expirationTimestamp", "2030-05-06T07:08:09Z");
    }

    @Test
    void neverShowsTheTokenInToString() {
        assertThat(new ExecCredential(ExecInfo.V1, "secret-token", Optional.empty()).toString()).doesNotContain("secret-token");
    }
}
