package dev.cliauth.core.flow.workload;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Workload.ClientAuth;
import dev.cliauth.core.flow.Terminal;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Builds the Nimbus client authentication a profile asks for, reading its secret or key only now:
 * {@code client_secret_basic} / {@code client_secret_post} (RFC 6749 §2.3.1), {@code private_key_jwt} (RFC 7523 §2.2,
 * OpenID Connect Core §9) or the platform token as a federated client assertion. Empty means a public client.
 */
final class ClientAuthentications {
    /** Short-lived: the assertion is used once, at once (RFC 7523 §3 item 4). */
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    private final ClientSecrets secrets;
    private final SecretFiles files;
    private final Terminal warnings;
    private final Clock clock;

    ClientAuthentications(ClientSecrets secrets, SecretFiles files, Terminal warnings, Clock clock) {
        this.secrets = secrets;
        this.files = files;
        this.warnings = warnings;
        this.clock = clock;
    }

    /** The client's secret, when it authenticates with one: read now, from where the profile says. */
    Optional<Secret> secret(ClientAuth auth, Sensitive sensitive) {
        if (auth instanceof ClientAuth.Secret secret) {
            Secret value = secrets.read(secret.secret());
            sensitive.add(value.getValue());
            return Optional.of(value);
        }
        return Optional.empty();
    }

    /** The client's private key file's text, when it authenticates with {@code private_key_jwt}: read now. */
    Optional<String> keyText(ClientAuth auth) {
        if (auth instanceof ClientAuth.PrivateKey key) {
            return Optional.of(ClientSecrets.readFile(files, warnings, key.keyFile(), "private key"));
        }
        return Optional.empty();
    }

    /**
     * @param tokenEndpoint the {@code aud} of a private key JWT: the token endpoint URL, which every provider accepts
     * @param credential    the secret, key or platform token read for this request
     */
    Optional<ClientAuthentication> build(ClientAuth auth, ClientID clientId, URI tokenEndpoint, WorkloadCredential credential) {
        if (auth instanceof ClientAuth.Secret secret) {
            Secret value = credential.secret().orElseThrow();
            return Optional.of(secret.post() ? new ClientSecretPost(clientId, value) : new ClientSecretBasic(clientId, value));
        }
        if (auth instanceof ClientAuth.PrivateKey key) {
            PrivateKeyJWT jwt = privateKeyJwt(clientId, tokenEndpoint, credential.key().orElseThrow(), key);
            credential.sensitive().add(jwt.getClientAssertion().serialize());
            return Optional.of(jwt);
        }
        if (auth instanceof ClientAuth.Federated) {
            SignedJWT token = credential.platformJwt().orElseThrow(() -> new IllegalStateException("federated client authentication without a platform token"));
            try {
                return Optional.of(new FederatedAssertion(token));
            } catch (IllegalArgumentException e) {
                throw new CliauthException(Failure.CONFIGURATION, "The platform token cannot be a client assertion: it needs iss, sub, aud"
                        + " and exp claims (RFC 7523 §3).");
            }
        }
        return Optional.empty();
    }

    private PrivateKeyJWT privateKeyJwt(ClientID clientId, URI tokenEndpoint, SigningKey signing, ClientAuth.PrivateKey key) {
        Instant now = clock.instant();
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(clientId, List.of(new Audience(tokenEndpoint)),
                Date.from(now.plus(ASSERTION_LIFETIME)), null, Date.from(now), new JWTID());
        try {
            PrivateKey privateKey = signing.key(); // the PrivateKey overload, whatever the key type
            return new PrivateKeyJWT(claims, signing.algorithm(), privateKey, key.keyId().orElse(null), null);
        } catch (JOSEException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot sign the client assertion with the key in " + key.keyFile()
                    + " (" + signing.algorithm() + "): " + e.getMessage(), e);
        }
    }
}
