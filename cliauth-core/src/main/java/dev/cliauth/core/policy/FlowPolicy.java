package dev.cliauth.core.policy;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.env.Environment;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the login flow: a pure function of the environment, the administrator's policy, the profile and the
 * flags, returning the flow with its reasons (the decision matrix of DESIGN.md).
 *
 * <p>Order: an issuer the policy does not allow is refused; a CI runner is refused (workload identity instead);
 * {@code --device} runs the device flow unless the policy says never, or says headless-only and a browser can be used
 * here; a headless place (SSH, container, cloud IDE) without a usable browser gets the device flow when the policy
 * says {@code headless}, else PKCE with the URL printed and the redirect pasted back; everywhere else, PKCE with the
 * browser opened.
 */
public final class FlowPolicy {

    public FlowDecision decide(Environment env, Policy policy, Profile profile, LoginFlags flags) {
        return decide(env, policy, Optional.of(profile.issuer()), flags);
    }

    /** The same, before an issuer is known ({@code cliauth explain} with no profile): the issuer check is left out. */
    public FlowDecision decide(Environment env, Policy policy, Optional<URI> issuerUri, LoginFlags flags) {
        List<String> reasons = new ArrayList<>();
        String issuer = issuerUri.map(URI::toString).orElse(null);
        if (issuer != null && !policy.allowsIssuer(issuer)) {
            String origin = policy.originRefusing(issuer);
            reasons.add("issuer " + issuer + " is not in allowed_issuers of " + origin);
            return new FlowDecision.Refused("Issuer " + issuer + " is not allowed by " + origin
                    + " (allowed_issuers); ask your administrator, or use an allowed issuer.", "allowed_issuers", reasons);
        }
        if (env.isCi()) {
            reasons.add("a CI runner was detected (" + env.ciRunner().orElseThrow() + "): no person is there to sign in");
            return new FlowDecision.Refused("Interactive login is refused on a CI runner (" + env.ciRunner().orElseThrow()
                    + " detected); use workload identity there: 'cliauth configure --profile NAME --grant client_credentials"
                    + " --client-secret-env VAR' (or --private-key-file, or --grant token_exchange|jwt_bearer --subject-token-source"
                    + " github-actions|gitlab:VAR|kubernetes|file:PATH), then 'cliauth token --profile NAME'.", null, reasons);
        }
        String where = describePlace(env);
        reasons.add("environment: " + where);
        boolean browser = env.browserUsable();
        reasons.add(browser ? "a browser can be opened here (" + (env.browserCommand() ? "BROWSER is set" : env.wsl() ? "WSL opens the Windows browser" : "desktop session") + ")"
                : "no browser can be opened here (no BROWSER, no desktop session" + (env.sshSession() ? " on this side of SSH" : "") + ")");
        boolean openBrowser = browser && flags.openBrowser();
        if (browser && !flags.openBrowser()) {
            reasons.add("--no-browser (or the profile) says not to open one");
        }
        boolean headless = env.sshSession() || env.container() || env.cloudIde().isPresent();
        FlowDecision.Pkce pasteFallback = new FlowDecision.Pkce(openBrowser, !openBrowser, env.sshSession() && !openBrowser, List.of());

        String deviceOrigin = policy.origin(PolicyKey.DEVICE_FLOW);
        if (flags.device()) {
            if (policy.deviceFlow() == DeviceFlowRule.NEVER) {
                reasons.add("--device was asked for, but " + deviceOrigin + " sets device_flow = \"never\"");
                return new FlowDecision.Refused("The device flow is not allowed by " + deviceOrigin
                        + " (device_flow = \"never\"); sign in without --device.", "device_flow", reasons);
            }
            if (policy.deviceFlow() == DeviceFlowRule.HEADLESS_ONLY && browser) {
                reasons.add("--device was asked for, but " + deviceOrigin + " sets device_flow = \"headless-only\" and a browser can be used here");
                return new FlowDecision.Refused("The device flow is allowed only where no browser can be used (device_flow = \"headless-only\" in "
                        + deviceOrigin.replaceFirst("^policy ", "") + "); sign in without --device, in the browser.", "device_flow", reasons);
            }
            reasons.add("--device was asked for and " + deviceOrigin + " allows it (device_flow = \"" + policy.deviceFlow().value() + "\")");
            reasons.add("if the provider blocks the device flow, login continues with Authorization Code + PKCE");
            return new FlowDecision.Device(openBrowser, pasteFallback, reasons);
        }
        if (headless && !browser) {
            if (policy.deviceFlow() == DeviceFlowRule.HEADLESS) {
                reasons.add(deviceOrigin + " sets device_flow = \"headless\": the device flow is the fallback in headless places");
                reasons.add("if the provider blocks the device flow, login continues with Authorization Code + PKCE");
                return new FlowDecision.Device(false, pasteFallback, reasons);
            }
            reasons.add("device flow only on request (device_flow = \"" + policy.deviceFlow().value() + "\", " + deviceOrigin + ")");
            reasons.add("Authorization Code + PKCE: the URL is printed; sign in on any machine and paste the final address back"
                    + (env.sshSession() ? ", or forward the port with ssh -L" : ""));
            return new FlowDecision.Pkce(false, true, env.sshSession(), reasons);
        }
        if (openBrowser) {
            reasons.add("Authorization Code + PKCE with the browser opened here: the code returns to 127.0.0.1 and is useless elsewhere");
        } else {
            reasons.add("Authorization Code + PKCE: the URL is printed; open it on this machine, or sign in elsewhere and paste the final address back");
        }
        return new FlowDecision.Pkce(openBrowser, !openBrowser, env.sshSession() && !openBrowser, reasons);
    }

    /** "SSH session", "container", "laptop or workstation"... for people. */
    public static String describePlace(Environment env) {
        List<String> places = new ArrayList<>();
        env.ciRunner().ifPresent(ci -> places.add("CI runner (" + ci + ")"));
        if (env.sshSession()) {
            places.add("SSH session");
        }
        if (env.container()) {
            places.add("container");
        }
        env.cloudIde().ifPresent(ide -> places.add("cloud IDE or shell (" + ide + ")"));
        if (env.wsl()) {
            places.add("WSL");
        }
        if (places.isEmpty()) {
            places.add(env.desktop() ? "laptop or workstation (desktop session)" : "local terminal without a desktop session");
        }
        return String.join(", ", places);
    }
}
