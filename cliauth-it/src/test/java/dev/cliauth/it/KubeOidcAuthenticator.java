package dev.cliauth.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes API server's OIDC authenticator, as its documentation states the checks
 * (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#openid-connect-tokens, "Configuring the
 * API Server" with --oidc-issuer-url, --oidc-client-id, --oidc-username-claim and --oidc-signing-algs):
 * <ol>
 *   <li>the token is a JWT signed with one of {@code --oidc-signing-algs} (default RS256) by a key the issuer
 *       publishes at the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration};</li>
 *   <li>its {@code iss} equals {@code --oidc-issuer-url} exactly;</li>
 *   <li>its {@code aud} contains {@code --oidc-client-id};</li>
 *   <li>it has not expired ({@code exp});</li>
 *   <li>it carries the username claim ({@code --oidc-username-claim}, default {@code sub}), and the user is
 *       {@code <issuer>#<sub>} for the default claim.</li>
 * </ol>
 * One deliberate difference: the API server requires an https issuer; the dev IdP here serves http on 127.0.0.1.
 */
final class KubeOidcAuthenticator {
    private final String issuer;
    private final String clientId;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final List<String> users = Collections.synchronizedList(new ArrayList<>());

    KubeOidcAuthenticator(String issuer, String clientId) throws Exception {
        this.issuer = issuer;
        this.clientId = clientId;
        Map<String, Object> discovery = JSONObjectUtils.parse(new String(new URL(issuer + "/.well-known/openid-configuration").openStream()
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        URL jwks = URI.create((String) discovery.get("jwks_uri")).toURL();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, JWKSourceBuilder.create(jwks).build()));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the checks below, one by one, as documented
    }

    /** The user a bearer token authenticates, or empty when the API server would answer 401. */
    Optional<String> authenticate(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) {
            return Optional.empty(); // not a JWT, not RS256, or not signed by the issuer's key
        }
        if (!issuer.equals(claims.getIssuer())) {
            return Optional.empty();
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(clientId)) {
            return Optional.empty();
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(new Date())) {
            return Optional.empty();
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            return Optional.empty();
        }
        String user = issuer + "#" + claims.getSubject();
        users.add(user);
        return Optional.of(user);
    }

    /** The users authenticated so far, in order. */
    List<String> users() {
        synchronized (users) {
            return List.copyOf(users);
        }
    }
}
