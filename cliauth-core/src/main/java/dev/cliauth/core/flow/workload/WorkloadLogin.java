package dev.cliauth.core.flow.workload;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.config.Workload.ClientAuth;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.oauth.TokenResult;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Gets a workload profile its tokens from the workload's own identity, with no person and no browser.
 *
 * <p>Order: discover the token endpoint; when the grant needs it, take the platform token from the profile's source
 * (or the first platform detected) — fresh, as platforms rotate them — and check it is an unexpired JWT where one is
 * required; read the client secret or key now, never earlier and never into the profile; send one token request
 * built by Nimbus — client credentials (RFC 6749 §4.4), token exchange (RFC 8693 §2.1) or JWT bearer (RFC 7523
 * §2.1) — and turn the answer into a {@link Session}. It stores nothing; no refresh token is needed, as the same
 * call gets a new token when this one expires.
 *
 * <p>No secret, key or token reaches a message: they are named by where they live ({@code $VAR}, a file), and a
 * provider's error text is scrubbed of every secret value the request carried. A rejected client authentication
 * says "client authentication failed" and where the credential came from.
 */
public final class WorkloadLogin {
    private final Discovery discovery;
    private final OAuthHttp http;
    private final PlatformTokenSources sources;
    private final ClientAuthentications authentications;
    private final Clock clock;
    private final TokenClient tokens;

    /**
     * @param env      the process environment: platform variables and client secrets are read from it
     * @param files    reads token, secret and key files
     * @param warnings receives one-line warnings (a secret file others can read), for stderr
     */
    public WorkloadLogin(Discovery discovery, OAuthHttp http, Map<String, String> env, SecretFiles files, Terminal warnings, Clock clock) {
        this.discovery = discovery;
        this.http = http;
        this.sources = new PlatformTokenSources(env, files, http);
        this.authentications = new ClientAuthentications(new ClientSecrets(Map.copyOf(env), files, warnings), files, warnings, clock);
        this.clock = clock;
        this.tokens = new TokenClient(http, clock);
    }

    /** Whether a profile gets its tokens here rather than from a person's login. */
    public static boolean isWorkload(Profile profile) {
        return profile.isWorkload();
    }

    /**
     * Reads what proves the workload's identity for one request, now: the client secret or key, and the platform
     * token — whose audience is checked before it can be sent anywhere ({@link #checkAudience}).
     */
    public WorkloadCredential credential(Profile profile) {
        Workload workload = workload(profile);
        Sensitive sensitive = new Sensitive();
        Optional<PlatformToken> platform = workload.usesPlatformToken() ? Optional.of(platformToken(profile, workload, sensitive)) : Optional.empty();
        Optional<SignedJWT> platformJwt = platform.flatMap(token -> platformJwt(token, workload));
        platform.ifPresent(token -> checkAudience(profile, workload, token, platformJwt));
        Optional<com.nimbusds.oauth2.sdk.auth.Secret> secret = authentications.secret(workload.clientAuth(), sensitive);
        Optional<String> keyText = authentications.keyText(workload.clientAuth());
        Optional<SigningKey> key = keyText.map(text -> SigningKey.parsePem(text, ((ClientAuth.PrivateKey) workload.clientAuth()).keyFile()));
        String shape = String.join("\n", profile.name(), profile.issuer().toString(), profile.clientId(), profile.scope(), workload.describe());
        return new WorkloadCredential(secret, key, keyText.orElse(null), platform, platformJwt, sensitive, shape);
    }

    /** Discovers the provider and obtains tokens with a credential read now: what a caller with no cache does. */
    public Session obtain(Profile profile) {
        return obtain(profile, credential(profile), false);
    }

    /**
     * Discovers the provider and obtains tokens with {@code credential}.
     *
     * @param dpop bind them to a new key (RFC 9449): a provider that answers with a Bearer token is refused
     */
    public Session obtain(Profile profile, WorkloadCredential credential, boolean dpop) {
        workload(profile);
        return obtain(profile, discovery.discover(profile.issuer()), credential, dpop ? DpopKey.generate() : null);
    }

    /** Obtains tokens from an already discovered provider, with a credential read now. */
    public Session obtain(Profile profile, OIDCProviderMetadata metadata) {
        return obtain(profile, metadata, credential(profile), null);
    }

    private Session obtain(Profile profile, OIDCProviderMetadata metadata, WorkloadCredential credential, DpopKey dpop) {
        Workload workload = workload(profile);
        URI tokenEndpoint = metadata.getTokenEndpointURI();
        Sensitive sensitive = credential.sensitive();
        ClientID clientId = new ClientID(profile.clientId());
        Optional<ClientAuthentication> auth = authentications.build(workload.clientAuth(), clientId, tokenEndpoint, credential);
        AuthorizationGrant grant = grant(workload, credential.platform(), credential.platformJwt());
        TokenRequest.Builder builder = auth.map(a -> new TokenRequest.Builder(tokenEndpoint, a, grant))
                .orElseGet(() -> new TokenRequest.Builder(tokenEndpoint, clientId, grant));
        if (!profile.scope().isBlank()) {
            builder.scope(Scope.parse(profile.scope()));
        }
        if (workload.clientAuth() instanceof ClientAuth.Federated) {
            // the assertion's sub is the platform's name for the job, so the client is named explicitly
            builder.customParameter("client_id", profile.clientId());
        }
        TokenRequest request = builder.build();

        Instant sentAt = clock.instant(); // expiry counts from the request, so a slow answer errs early
        TokenResult result;
        try {
            result = tokens.request(request, dpop);
        } catch (CliauthException e) {
            throw new CliauthException(e.failure(), sensitive.scrub(e.getMessage()));
        }
        if (result instanceof TokenResult.Rejected rejected) {
            throw refused(profile, workload, rejected, sensitive);
        }
        TokenSet issued = ((TokenResult.Issued) result).tokens();
        if (dpop != null && !issued.tokenType().equalsIgnoreCase("DPoP")) {
            throw new CliauthException(Failure.LOGIN_FAILED, "Tokens bound to a key (DPoP) were asked for, but " + profile.issuer()
                    + " issued a " + issued.tokenType() + " token to client " + profile.clientId() + "; it was not used (RFC 9449 §5).");
        }
        TokenSet tokens = withJwtExpiry(issued);
        Optional<JWTClaimsSet> claims = unverifiedClaims(tokens.accessToken());
        // read unverified, for display only: the access token is for the API, which verifies it
        Optional<String> subject = claims.map(JWTClaimsSet::getSubject);
        Optional<String> username = claims.flatMap(c -> firstString(c, "preferred_username", "client_id", "azp"));
        Session session = new Session(profile.name(), profile.issuer(), profile.clientId(), tokenEndpoint, subject, username,
                workload.grant().value(), sentAt, Optional.empty(), tokens);
        return dpop == null ? session : session.withDpopKey(dpop.toPrivateJwk());
    }

    private static Workload workload(Profile profile) {
        return profile.workload().orElseThrow(() -> new CliauthException(Failure.CONFIGURATION, "Profile " + profile.name()
                + " is not a workload profile; configure one with 'cliauth configure --profile " + profile.name()
                + " --grant client_credentials --client-secret-env VAR' (or token_exchange, jwt_bearer)."));
    }

    private PlatformToken platformToken(Profile profile, Workload workload, Sensitive sensitive) {
        PlatformTokenSource source = sources.select(workload.subjectTokenSource());
        // RFC 7523 §3: the audience identifies the authorization server; the issuer is what servers check first
        PlatformToken token = source.provide(workload.audience().orElse(profile.issuer().toString()));
        sensitive.add(token.value());
        return token;
    }

    /**
     * The platform token as a signed JWT where the request needs one (assertion, client assertion, subject tokens of
     * type jwt or id_token); a token that has already expired is refused here, with a clearer message than the
     * provider's. An {@code access_token} subject may be opaque.
     */
    private Optional<SignedJWT> platformJwt(PlatformToken token, Workload workload) {
        boolean required = workload.grant() == Workload.Grant.JWT_BEARER || workload.clientAuth() instanceof ClientAuth.Federated
                || workload.subjectTokenTypeOrDefault() != Workload.SubjectTokenType.ACCESS_TOKEN;
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token.value());
            if (!(parsed instanceof SignedJWT signed)) {
                throw new java.text.ParseException("not signed", 0);
            }
            jwt = signed;
            Optional<Instant> expiry = Optional.ofNullable(jwt.getJWTClaimsSet().getExpirationTime()).map(java.util.Date::toInstant);
            if (expiry.isPresent() && !expiry.get().isAfter(clock.instant())) {
                throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The platform token from " + token.source() + " expired at "
                        + expiry.get() + "; the platform should have replaced it.");
            }
        } catch (java.text.ParseException e) {
            if (required) {
                throw new CliauthException(Failure.CONFIGURATION, "The platform token from " + token.source() + " is not a signed JWT.");
            }
            return Optional.empty();
        }
        return Optional.of(jwt);
    }

    /**
     * A platform token goes only to the party it was minted for: its {@code aud} must contain the audience the
     * profile names ({@code --audience}), or, where it names none, the provider's issuer — unless the provider issued
     * the token itself (an RFC 8693 exchange of its own access token), which sends it nowhere new. Otherwise a token
     * meant for another service (the Kubernetes API server's service-account token, say) would be handed to a
     * provider that could replay it there. An opaque token (allowed only as an {@code access_token} subject) carries
     * no audience to check.
     */
    private void checkAudience(Profile profile, Workload workload, PlatformToken token, Optional<SignedJWT> jwt) {
        if (jwt.isEmpty()) {
            return;
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.get().getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new CliauthException(Failure.CONFIGURATION, "The platform token from " + token.source() + " has unreadable claims.");
        }
        String issuer = profile.issuer().toString();
        java.util.List<String> audience = claims.getAudience() == null ? java.util.List.of() : claims.getAudience();
        if (workload.audience().isPresent()) {
            if (!audience.contains(workload.audience().get())) {
                throw wrongAudience(profile, token, audience, "the profile's audience " + workload.audience().get());
            }
            return;
        }
        if (!audience.contains(issuer) && !issuer.equals(claims.getIssuer())) {
            throw wrongAudience(profile, token, audience, "the provider " + issuer);
        }
    }

    private static CliauthException wrongAudience(Profile profile, PlatformToken token, java.util.List<String> audience, String expected) {
        return new CliauthException(Failure.REFUSED, "Not sending the platform token from " + token.source() + " to " + profile.issuer()
                + ": it is for " + (audience.isEmpty() ? "no audience" : String.join(", ", audience)) + ", not for " + expected
                + ". Have the platform issue a token for that audience (and name it with --audience), or use another --subject-token-source.");
    }

    private static AuthorizationGrant grant(Workload workload, Optional<PlatformToken> platform, Optional<SignedJWT> platformJwt) {
        switch (workload.grant()) {
            case CLIENT_CREDENTIALS:
                return new ClientCredentialsGrant();
            case TOKEN_EXCHANGE:
                return new TokenExchangeGrant(new TypelessToken(platform.orElseThrow().value()), tokenType(workload.subjectTokenTypeOrDefault()));
            case JWT_BEARER:
                return new JWTBearerGrant(platformJwt.orElseThrow());
            default:
                throw new IllegalStateException("unknown grant " + workload.grant());
        }
    }

    private static TokenTypeURI tokenType(Workload.SubjectTokenType type) {
        switch (type) {
            case ID_TOKEN:
                return TokenTypeURI.ID_TOKEN;
            case ACCESS_TOKEN:
                return TokenTypeURI.ACCESS_TOKEN;
            default:
                return TokenTypeURI.JWT;
        }
    }

    private static CliauthException refused(Profile profile, Workload workload, TokenResult.Rejected rejected, Sensitive sensitive) {
        String code = rejected.error();
        int status = rejected.httpStatus();
        String summary = sensitive.scrub(sensitive.scrub(rejected.oauthError()).summary());
        if (rejected.isTransient()) {
            return new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The token endpoint of " + profile.issuer() + " failed (" + summary
                    + "); try again later.");
        }
        if (OAuth2Error.INVALID_CLIENT.getCode().equals(code) || status == 401) {
            return new CliauthException(Failure.LOGIN_FAILED, "Client authentication failed for client '" + profile.clientId() + "' at "
                    + profile.issuer() + " (" + summary + "); " + credentialHint(workload) + ".");
        }
        return new CliauthException(Failure.LOGIN_FAILED, "The provider refused the " + workload.grant().value() + " request of profile "
                + profile.name() + " (" + summary + ").");
    }

    private static String credentialHint(Workload workload) {
        ClientAuth auth = workload.clientAuth();
        if (auth instanceof ClientAuth.Secret secret) {
            return "check the client secret in " + secret.secret().describe();
        } else if (auth instanceof ClientAuth.PrivateKey key) {
            return "check that the provider has the public key of " + key.keyFile() + " for this client"
                    + key.keyId().map(id -> " (key id " + id + ")").orElse("");
        } else if (auth instanceof ClientAuth.Federated) {
            return "check that the provider trusts this platform token for the client (issuer, subject and audience "
                    + workload.audience().orElse("= the issuer") + ")";
        }
        return "the client may need credentials: give --client-secret-env VAR, --client-secret-file PATH or --private-key-file PATH";
    }

    /** Where the provider gave no {@code expires_in}, a JWT access token's own {@code exp}, so it is not cached forever. */
    private static TokenSet withJwtExpiry(TokenSet tokens) {
        if (tokens.expiresAt().isPresent()) {
            return tokens;
        }
        Optional<Instant> exp = unverifiedClaims(tokens.accessToken()).flatMap(c -> Optional.ofNullable(c.getExpirationTime())).map(java.util.Date::toInstant);
        return exp.isEmpty() ? tokens
                : new TokenSet(tokens.accessToken(), tokens.tokenType(), exp, tokens.refreshToken(), tokens.idToken(), tokens.scope());
    }

    private static Optional<JWTClaimsSet> unverifiedClaims(String token) {
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet());
        } catch (java.text.ParseException e) {
            return Optional.empty(); // an opaque access token
        }
    }

    private static Optional<String> firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            Object value = claims.getClaim(name);
            if (value instanceof String s && !s.isBlank()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
