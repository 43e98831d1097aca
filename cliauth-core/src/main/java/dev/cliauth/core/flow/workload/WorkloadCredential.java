package dev.cliauth.core.flow.workload;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What proves a workload's identity for one token request, read at the moment it is needed: the client secret or
 * private key, and the platform's OIDC token. It also names itself for the token cache ({@link #binding()}): only a
 * caller holding this very credential finds (and can decrypt) the tokens obtained with it, so on a shared runner a
 * later job with another secret, another platform token, or none, never gets an earlier job's token.
 * {@link #toString()} shows none of it.
 */
public final class WorkloadCredential {
    private final Optional<Secret> secret;
    private final Optional<SigningKey> key;
    private final Optional<PlatformToken> platform;
    private final Optional<SignedJWT> platformJwt;
    private final Sensitive sensitive;
    private final byte[] binding;

    WorkloadCredential(Optional<Secret> secret, Optional<SigningKey> key, String keyText, Optional<PlatformToken> platform,
                       Optional<SignedJWT> platformJwt, Sensitive sensitive, String requestShape) {
        this.secret = secret;
        this.key = key;
        this.platform = platform;
        this.platformJwt = platformJwt;
        this.sensitive = sensitive;
        ByteArrayOutputStream material = new ByteArrayOutputStream();
        // each part framed by its length, so that no two different credentials give the same bytes
        part(material, requestShape);
        part(material, secret.map(Secret::getValue).orElse(""));
        part(material, keyText == null ? "" : keyText);
        part(material, platform.map(PlatformToken::value).orElse(""));
        this.binding = material.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /**
     * The secret material this credential consists of (secret, key, platform token) and the shape of the request it
     * is for (issuer, client, grant, scope): the token cache derives its entry's name and key from it. Never shown.
     */
    public byte[] binding() {
        return Arrays.copyOf(binding, binding.length);
    }

    Optional<Secret> secret() {
        return secret;
    }

    Optional<SigningKey> key() {
        return key;
    }

    Optional<PlatformToken> platform() {
        return platform;
    }

    Optional<SignedJWT> platformJwt() {
        return platformJwt;
    }

    Sensitive sensitive() {
        return sensitive;
    }

    @Override
    public String toString() {
        return "WorkloadCredential[secret=" + (secret.isPresent() ? "present" : "absent") + ", key=" + (key.isPresent() ? "present" : "absent")
                + ", platformToken=" + platform.map(PlatformToken::source).orElse("none") + "]";
    }
}
