package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.cliauth.core.oauth.OAuthError;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OAuth error answer (RFC 6749 §5.2, used by RFC 8628 §3.2 and §3.5) from the device authorization or token
 * endpoint, and the one decision made from it here: does it mean that this client may not use the device flow at
 * all, so the caller should fall back to the browser login? That is a pure function of the code and description,
 * tested from a table.
 *
 * @param error the provider's answer, in the one shape every OAuth error has
 */
public record ProviderError(OAuthError error) {

    /**
     * Microsoft Entra ID codes (they lead {@code error_description}, whatever the {@code error}) that mean a tenant
     * policy refuses this sign-in from here, which the browser login on a managed machine may still satisfy:
     * <ul>
     * <li>AADSTS53003 – blocked by a Conditional Access policy (for example one that blocks the device code flow);</li>
     * <li>AADSTS50097 – device authentication is required;</li>
     * <li>AADSTS53000 – the device must be compliant (managed);</li>
     * <li>AADSTS53001 – the device must be domain-joined;</li>
     * <li>AADSTS530033 – blocked by a security policy for the device or app;</li>
     * <li>AADSTS50199 – an interrupt asking the person to confirm the sign-in, which the device flow cannot pass;</li>
     * <li>AADSTS7000218 – the app registration does not allow public client flows (device code), so Entra wants
     * a client secret.</li>
     * </ul>
     */
    public static final List<String> CONDITIONAL_ACCESS_CODES = List.of(
            "AADSTS53003", "AADSTS50097", "AADSTS53000", "AADSTS53001", "AADSTS530033", "AADSTS50199", "AADSTS7000218");

    /**
     * Error codes that say the client may not use this grant (RFC 6749 §5.2), whatever the description; GitHub's
     * {@code device_flow_disabled}: "Device flow has not been enabled for this app"
     * (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow).
     */
    public static final List<String> REFUSING_CODES = List.of("unauthorized_client", "unsupported_grant_type", "device_flow_disabled");

    /**
     * Error codes that some providers use, with a description saying so, for a grant disabled for the client:
     * oidc-provider's {@code invalid_request} "…device_code is not allowed for this client", Keycloak's poll answer
     * {@code invalid_grant} "Client not allowed OAuth 2.0 Device Authorization Grant".
     */
    public static final List<String> SOMETIMES_REFUSING_CODES = List.of("invalid_request", "invalid_client", "invalid_grant");

    private static final Pattern CONDITIONAL_ACCESS =
            // word boundaries: a longer code must not match a shorter one's prefix (AADSTS530033 is not AADSTS53003)
            Pattern.compile("\\b(" + String.join("|", CONDITIONAL_ACCESS_CODES) + ")\\b");
    private static final Pattern REFUSAL = Pattern.compile("not allowed|disabled|not enabled|not permitted");
    /**
     * Answers that name a setting rather than a person: Okta's {@code access_denied} "Policy evaluation failed for
     * this request" (no access policy rule of the authorization server allows the device grant,
     * https://developer.okta.com/docs/guides/device-authorization-grant/main/), and Google's {@code invalid_client}
     * "Invalid client type." for a client that is not of the "TVs and Limited Input devices" type
     * (https://developers.google.com/identity/protocols/oauth2/limited-input-device#step-2:-handle-the-authorization-server-response).
     */
    private static final Pattern SETTING = Pattern.compile("policy evaluation failed|invalid client type");
    private static final Pattern ABOUT_THE_FLOW = Pattern.compile("grant|flow|device");
    public ProviderError {
        Objects.requireNonNull(error);
    }

    /** An answer with this code and description (HTTP 400, as RFC 6749 §5.2 answers). */
    public ProviderError(String code, String description) {
        this(new OAuthError(code, java.util.Optional.ofNullable(description), 400));
    }

    /** The {@code error} code. */
    public String code() {
        return error.code();
    }

    /** The {@code error_description}, or null. */
    public String description() {
        return error.description().orElse(null);
    }

    /** Whether the answer means the device flow is not allowed for this client (so fall back, don't fail). */
    public boolean blocksDeviceFlow() {
        String code = code();
        String description = description();
        if (REFUSING_CODES.contains(code)) {
            return true;
        }
        String text = description == null ? "" : description;
        if (CONDITIONAL_ACCESS.matcher(text).find()) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if ((error.is(OAuth2Error.ACCESS_DENIED) || error.is(OAuth2Error.INVALID_CLIENT)) && SETTING.matcher(lower).find()) {
            return true;
        }
        return SOMETIMES_REFUSING_CODES.contains(code) && REFUSAL.matcher(lower).find() && ABOUT_THE_FLOW.matcher(lower).find();
    }

    /** "unauthorized_client: Client is not allowed…", on one line ({@link OAuthError#summary()}). */
    public String summary() {
        return error.summary();
    }

    /** This error with {@code secret} (the device code, should a provider echo it) cut out of the description. */
    public ProviderError without(String secret) {
        return new ProviderError(error.without(secret, "[device code]"));
    }
}
