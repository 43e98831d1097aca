package dev.cliauth.cli.helpers;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ExecCredential a kubectl exec plugin prints on stdout (Kubernetes client authentication API,
 * {@code client.authentication.k8s.io} v1 and v1beta1): the bearer token and, when known, when it expires, so kubectl
 * runs the plugin again only after that. {@link #toString()} never shows the token.
 *
 * @param apiVersion the version kubectl asked for
 * @param token      the access token kubectl sends as {@code Authorization: Bearer}
 * @param expiresAt  when the token expires; without it kubectl keeps the token for as long as it runs
 */
public record ExecCredential(String apiVersion, String token, Optional<Instant> expiresAt) {
    public ExecCredential {
        Objects.requireNonNull(apiVersion);
        Objects.requireNonNull(token);
        Objects.requireNonNull(expiresAt);
    }

    /** The JSON document; {@code expirationTimestamp} in RFC 3339 (UTC, whole seconds). */
    public String toJson() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("token", token);
        expiresAt.ifPresent(at -> status.put("expirationTimestamp", at.truncatedTo(ChronoUnit.SECONDS).toString()));
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("apiVersion", apiVersion);
        credential.put("kind", "ExecCredential");
        credential.put("status", status);
        return JSONObjectUtils.toJSONString(credential);
    }

    @Override
    public String toString() {
        return "ExecCredential[apiVersion=" + apiVersion + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
