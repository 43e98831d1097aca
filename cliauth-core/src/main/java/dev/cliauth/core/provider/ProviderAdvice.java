package dev.cliauth.core.provider;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line a person can act on for a provider's error answer, when the error is about a setting (of the app
 * registration, a tenant policy, an API) rather than about the person. A pure function of the preset, the OAuth
 * {@code error} and its {@code error_description}, tested from a table.
 */
public final class ProviderAdvice {
    private static final Pattern AADSTS = Pattern.compile("\\bAADSTS(\\d+)\\b");

    /**
     * Microsoft Entra ID's codes, which lead {@code error_description} whatever the {@code error}
     * (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes).
     */
    private static final List<Rule> ENTRA = List.of(
            new Rule("53003", "Microsoft Entra ID: a Conditional Access policy blocked this sign-in (AADSTS53003). If it blocks the device code"
                    + " flow, run 'cliauth login' without --device (browser sign-in with PKCE; on a remote machine, paste mode);"
                    + " otherwise ask your administrator which policy applies."),
            new Rule("530033", "Microsoft Entra ID: a security policy blocks this sign-in from this device or app (AADSTS530033); run"
                    + " 'cliauth login' without --device from a managed device, or ask your administrator."),
            new Rule("50097", "Microsoft Entra ID: the tenant requires device authentication (AADSTS50097), which the device code flow cannot"
                    + " give; run 'cliauth login' without --device on a registered device."),
            new Rule("53000", "Microsoft Entra ID: the tenant requires a compliant (managed) device (AADSTS53000); run 'cliauth login'"
                    + " without --device on a managed device."),
            new Rule("53001", "Microsoft Entra ID: the tenant requires a domain-joined device (AADSTS53001); run 'cliauth login' without"
                    + " --device on a joined device."),
            new Rule("50199", "Microsoft Entra ID: the sign-in needs the person to confirm it in the browser (AADSTS50199), which the device"
                    + " code flow cannot show; run 'cliauth login' without --device."),
            new Rule("7000218", "Microsoft Entra ID: the app registration does not allow public client flows (AADSTS7000218); set"
                    + " Authentication > Advanced settings > 'Allow public client flows' to Yes."),
            new Rule("50011", "Microsoft Entra ID: the redirect URI is not registered (AADSTS50011); add http://localhost under"
                    + " Authentication > 'Mobile and desktop applications' (Entra ID accepts any port for it)."),
            new Rule("9002327", "Microsoft Entra ID: the redirect URI is registered as a single-page application (AADSTS9002327); register"
                    + " http://localhost under 'Mobile and desktop applications' instead."),
            new Rule("700016", "Microsoft Entra ID: no application with this client id exists in the tenant (AADSTS700016); check --client-id"
                    + " and --tenant (a single-tenant app needs its own tenant, not organizations or common)."),
            new Rule("90002", "Microsoft Entra ID: the tenant was not found (AADSTS90002); check --tenant (its directory id or a verified"
                    + " domain) and the cloud (--issuer https://login.microsoftonline.us for US Government)."),
            new Rule("50020", "Microsoft Entra ID: the account is not in this tenant (AADSTS50020); sign in with an account of the tenant,"
                    + " or use --tenant organizations for a multi-tenant app."),
            new Rule("65001", "Microsoft Entra ID: consent to the app is missing (AADSTS65001); ask an administrator to grant consent for the"
                    + " tenant, or sign in without --device to consent yourself."),
            new Rule("50076", "Microsoft Entra ID: multi-factor authentication is required (AADSTS50076); run 'cliauth login' to sign in again."),
            new Rule("50079", "Microsoft Entra ID: the account must register for multi-factor authentication (AADSTS50079); run"
                    + " 'cliauth login' to do it in the browser."),
            new Rule("700082", "Microsoft Entra ID: the refresh token expired from inactivity (AADSTS700082); run 'cliauth login'."),
            new Rule("50173", "Microsoft Entra ID: the session was revoked, for example after a password change (AADSTS50173); run 'cliauth login'."));

    private ProviderAdvice() {
    }

    /** Advice for an error answer from {@code preset}'s provider, when cliauth knows what the person can do about it. */
    public static Optional<String> explain(ProviderPreset preset, String code, String description) {
        String text = description == null ? "" : description;
        String lower = text.toLowerCase(Locale.ROOT);
        String error = code == null ? "" : code;
        switch (preset) {
            case ENTRA:
                Matcher m = AADSTS.matcher(text);
                while (m.find()) {
                    String number = m.group(1);
                    for (Rule rule : ENTRA) {
                        if (rule.code().equals(number)) {
                            return Optional.of(rule.advice());
                        }
                    }
                }
                return Optional.empty();
            case OKTA:
                // https://developer.okta.com/docs/guides/device-authorization-grant/main/#configure-an-app
                if (error.equals("unauthorized_client") && lower.contains("grant type")) {
                    return Optional.of("Okta: the app does not allow this grant; enable it under Applications > your app > General >"
                            + " Grant type (Device Authorization for --device, Authorization Code and Refresh Token otherwise).");
                }
                if (lower.contains("policy evaluation failed")) {
                    return Optional.of("Okta: no access policy rule of the authorization server allows this grant for the app; add the"
                            + " grant type to a rule under Security > API > Authorization Servers > Access Policies, or run 'cliauth login'"
                            + " without --device.");
                }
                if (lower.contains("redirect_uri")) {
                    return Optional.of("Okta: the redirect URI is not registered; add http://127.0.0.1:PORT/callback to the app's sign-in"
                            + " redirect URIs and sign in with --port PORT, so the port stays the registered one.");
                }
                return Optional.empty();
            case AUTH0:
                // https://auth0.com/docs/get-started/authentication-and-authorization-flow/device-authorization-flow
                if (error.equals("unauthorized_client") && lower.contains("grant type")) {
                    return Optional.of("Auth0: the application does not allow this grant; enable it under Applications > your app >"
                            + " Advanced Settings > Grant Types (Device Code for --device).");
                }
                if (lower.contains("service not found")) {
                    return Optional.of("Auth0: no API has this audience; give --api-audience with an API's Identifier from Applications > APIs.");
                }
                return Optional.empty();
            case GOOGLE:
                // https://developers.google.com/identity/protocols/oauth2/native-app#exchange-authorization-code
                if (lower.contains("client_secret is missing") || error.equals("invalid_client") && lower.contains("unauthorized")) {
                    return Optional.of("Google: installed-app (Desktop) clients must send their client secret; give"
                            + " --installed-app-secret-env VAR or --installed-app-secret-file PATH"
                            + " (Google does not treat it as confidential; it is kept in the profile file, readable only by you).");
                }
                if (lower.contains("invalid client type")) {
                    return Optional.of("Google: the device flow needs a client of type 'TVs and Limited Input devices'; run 'cliauth login'"
                            + " without --device with your Desktop client.");
                }
                if (error.equals("invalid_scope")) {
                    return Optional.of("Google: the device flow allows only a few scopes (openid, email, profile, Drive files, YouTube);"
                            + " run 'cliauth login' without --device for the others.");
                }
                return Optional.empty();
            case GITHUB:
                // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow
                if (error.equals("device_flow_disabled")) {
                    return Optional.of("GitHub: the device flow is off for this app; tick 'Enable Device Flow' in the app's settings, or run"
                            + " 'cliauth login' without --device.");
                }
                if (error.equals("redirect_uri_mismatch")) {
                    return Optional.of("GitHub: the callback URL does not match; set the app's callback URL to http://127.0.0.1/callback"
                            + " (GitHub accepts any port on a loopback callback).");
                }
                if (error.equals("incorrect_client_credentials")) {
                    return Optional.of("GitHub: the client id is not an OAuth app's or GitHub App's client id; check --client-id.");
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private record Rule(String code, String advice) {
    }
}
