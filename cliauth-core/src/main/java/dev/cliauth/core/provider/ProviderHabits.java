package dev.cliauth.core.provider;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.federation.registration.ClientRegistrationType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IssuerTemplate;
import dev.cliauth.core.oauth.TokenEndpointOptions;
import dev.cliauth.core.token.TokenSet;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a profile's provider preset changes in the protocol, in one place: where the metadata comes from
 * (discovery, or fixed endpoints for GitHub and WorkOS), which issuer discovery may state (Entra ID's
 * {@code {tenantid}} template), extra authorization parameters (Auth0's {@code audience}, WorkOS's
 * {@code provider}), how the token endpoint is spoken to (Google's installed-app secret, GitHub's JSON), and
 * whether an ID token comes back at all.
 */
public final class ProviderHabits {
    /** Entra ID's tenant names that publish the {@code {tenantid}} template rather than one tenant's issuer. */
    private static final List<String> ENTRA_MULTI_TENANT = List.of("common", "organizations");
    /** The consumers tenant's own id: {@code .../consumers/v2.0} states this tenant's issuer. */
    private static final String ENTRA_CONSUMERS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

    private final Profile profile;
    private final ProviderPreset preset;

    private ProviderHabits(Profile profile) {
        this.profile = profile;
        this.preset = profile.preset();
    }

    public static ProviderHabits of(Profile profile) {
        return new ProviderHabits(profile);
    }

    public ProviderPreset preset() {
        return preset;
    }

    /**
     * The provider's metadata: OpenID discovery for presets that publish it, with Entra ID's documented exception
     * to the exact issuer check; fixed endpoints under the base URL for GitHub and WorkOS, which publish none for
     * these endpoints.
     */
    public OIDCProviderMetadata metadata(Discovery discovery) {
        URI base = profile.issuer();
        return switch (preset) {
            case GITHUB -> fixed(base, "/login/oauth/authorize", "/login/oauth/access_token", "/login/device/code");
            case WORKOS -> fixed(base, "/user_management/authorize", "/user_management/authenticate", "/user_management/authorize/device");
            case ENTRA -> discovery.discover(base, this::entraStatesIssuer);
            // an API's authorization server may be OAuth only: RFC 8414 metadata, else OpenID discovery (RFC 9728 §2)
            default -> profile.resource().isPresent() ? discovery.discoverServer(base) : discovery.discover(base);
        };
    }

    /**
     * GitHub: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps (web application
     * flow and device flow endpoints, the same paths on GitHub Enterprise Server). WorkOS:
     * https://workos.com/docs/reference/authkit/cli-auth and https://workos.com/docs/reference/authkit/authentication.
     * Neither signs ID tokens for these endpoints, so there is no key set (an empty one, never a URL to fetch).
     */
    private static OIDCProviderMetadata fixed(URI base, String authorize, String token, String device) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(root), List.of(SubjectType.PUBLIC),
                List.of(ClientRegistrationType.EXPLICIT), null, null, new JWKSet());
        metadata.setAuthorizationEndpointURI(URI.create(root + authorize));
        metadata.setTokenEndpointURI(URI.create(root + token));
        metadata.setDeviceAuthorizationEndpointURI(URI.create(root + device));
        return metadata;
    }

    /**
     * Entra ID's discovery for {@code common} and {@code organizations} states {@code BASE/{tenantid}/v2.0}, and for
     * {@code consumers} the consumers tenant's issuer
     * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri).
     */
    boolean entraStatesIssuer(String stated) {
        String path = profile.issuer().getRawPath();
        String root = profile.issuer().getScheme() + "://" + profile.issuer().getRawAuthority();
        String tenant = path.replaceAll("^/([^/]+)/v2\\.0/?$", "$1").toLowerCase(Locale.ROOT);
        if (ENTRA_MULTI_TENANT.contains(tenant)) {
            return stated.equals(root + "/" + IssuerTemplate.TENANT_PLACEHOLDER + "/v2.0");
        }
        return tenant.equals("consumers") && stated.equals(root + "/" + ENTRA_CONSUMERS_TENANT + "/v2.0");
    }

    /**
     * Whether a refreshed ID token's {@code iss} is the session's issuer: the configured one, or for Entra ID's
     * multi-tenant issuers the template with the token's own {@code tid}.
     */
    public boolean isSameIssuer(String tokenIssuer, Object tid) {
        String configured = profile.issuer().toString();
        if (configured.equals(tokenIssuer)) {
            return true;
        }
        if (preset != ProviderPreset.ENTRA) {
            return false;
        }
        String root = profile.issuer().getScheme() + "://" + profile.issuer().getRawAuthority();
        String template = root + "/" + IssuerTemplate.TENANT_PLACEHOLDER + "/v2.0";
        if (entraStatesIssuer(template)) {
            return IssuerTemplate.resolve(template, tid instanceof String t ? t : null).map(tokenIssuer::equals).orElse(false);
        }
        return entraStatesIssuer(tokenIssuer); // consumers: that tenant's own issuer
    }

    /** Parameters added to the authorization and device authorization requests. */
    public Map<String, String> authorizationParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        // Auth0 issues an access token for an API only when asked with its audience; without one the token is
        // opaque, for /userinfo only (https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens)
        profile.provider().audience().ifPresent(audience -> parameters.put("audience", audience));
        if (preset == ProviderPreset.WORKOS) {
            // AuthKit's hosted sign-in (https://workos.com/docs/reference/authkit/authentication/get-authorization-url)
            parameters.put("provider", "authkit");
        }
        // RFC 8707 §2.1: the token is to be for this API and no other
        profile.resource().ifPresent(binding -> parameters.put("resource", binding.resource().toString()));
        return parameters;
    }

    /** How the token endpoint is spoken to. */
    public TokenEndpointOptions tokenEndpoint() {
        // Google's installed apps send the secret they were issued (https://developers.google.com/identity/protocols/oauth2/native-app)
        Optional<String> secret = profile.provider().installedAppSecret().map(ProviderSettings.InstalledAppSecret::value);
        boolean github = preset == ProviderPreset.GITHUB;
        TokenEndpointOptions options = new TokenEndpointOptions(secret, github || preset == ProviderPreset.WORKOS, github, preset == ProviderPreset.WORKOS);
        // RFC 8707 §2.2: the code's redemption and every refresh name the profile's resource too
        return profile.resource().map(binding -> options.forResource(binding.resource())).orElse(options);
    }

    /** Whether a login must return an ID token to validate: an OpenID request to a provider that issues them. */
    public boolean expectsIdToken() {
        return profile.requestsOpenId() && preset.issuesIdTokens();
    }

    /**
     * A note after a login that brought no refresh token where the provider gives one only when asked (Entra ID,
     * Okta, Auth0: {@code offline_access}) or when a setting allows it; without one the person signs in again when
     * the access token expires.
     */
    public Optional<String> afterLogin(TokenSet tokens) {
        if (tokens.refreshToken().isPresent() || !List.of(ProviderPreset.ENTRA, ProviderPreset.OKTA, ProviderPreset.AUTH0).contains(preset)) {
            return Optional.empty();
        }
        if (!(" " + profile.scope() + " ").contains(" offline_access ")) {
            return Optional.of("Note: " + preset.displayName() + " issues refresh tokens only for the offline_access scope; add it with"
                    + " --scope \"" + profile.scope() + " offline_access\" to stay signed in when the access token expires.");
        }
        return switch (preset) {
            case OKTA -> Optional.of("Note: Okta issued no refresh token; enable the Refresh Token grant on the app (and in the access policy"
                    + " rule) to stay signed in when the access token expires.");
            case AUTH0 -> Optional.of("Note: Auth0 issued no refresh token; turn on 'Allow Offline Access' on the API and the Refresh Token"
                    + " grant on the application to stay signed in when the access token expires.");
            default -> Optional.empty();
        };
    }

    /**
     * Whether an error from the device authorization endpoint means, for this provider, that the device flow is not
     * available with these settings (so the browser sign-in should be used), beyond the answers every provider gives:
     * Google's device flow allows only a few scopes and answers {@code invalid_scope} for the others
     * (https://developers.google.com/identity/protocols/oauth2/limited-input-device#allowedscopes).
     */
    public boolean blocksDeviceFlow(String code) {
        return preset == ProviderPreset.GOOGLE && "invalid_scope".equals(code);
    }

    /**
     * How a token for another resource or scope is asked for at the token endpoint: RFC 8707's {@code resource} and the
     * scope as given — except Entra ID (v2.0 endpoints), which takes no resource parameter and names a resource by its
     * scope {@code RESOURCE/.default}.
     *
     * @return the resource to send (if any) and the scope to send (if any)
     */
    public Map.Entry<Optional<String>, Optional<String>> target(Optional<String> resource, Optional<String> scope) {
        if (preset == ProviderPreset.ENTRA && resource.isPresent()) {
            String base = resource.get().endsWith("/") ? resource.get().substring(0, resource.get().length() - 1) : resource.get();
            return Map.entry(Optional.empty(), Optional.of(scope.orElse(base + "/.default")));
        }
        return Map.entry(resource, scope);
    }

    /** Advice for an error answer, when the preset knows what the person can do about it. */
    public Optional<String> advice(String code, String description) {
        return ProviderAdvice.explain(preset, code, description);
    }
}
