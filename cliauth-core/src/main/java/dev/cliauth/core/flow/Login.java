package dev.cliauth.core.flow;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.audit.AuthEvent;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.flow.device.DeviceLogin;
import dev.cliauth.core.flow.device.DeviceOptions;
import dev.cliauth.core.flow.device.DeviceOutcome;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.flow.pkce.PkceOptions;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.policy.FlowDecision;
import dev.cliauth.core.policy.FlowPolicy;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.provider.ProviderHabits;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;

/**
 * Interactive login for a profile. Order: decide the flow from environment, policy, profile and flags, and record
 * why; a refusal ends here, before anything is sent to the provider; discover the provider; run the device flow
 * or PKCE — a provider that blocks the device flow gets PKCE instead, and the login still succeeds; then, and only
 * then, store the session and save the profile, so a failed login changes nothing on disk.
 */
public final class Login {
    private final Environment environment;
    private final Policy policy;
    private final FlowPolicy flowPolicy;
    private final Discovery discovery;
    private final PkceLogin pkce;
    private final DeviceLogin device;
    private final TokenStore tokens;
    private final ProfileLocks locks;
    private final ProfileStore profiles;
    private final AuditLog audit;
    private final Terminal terminal;

    public Login(Environment environment, Policy policy, FlowPolicy flowPolicy, Discovery discovery, PkceLogin pkce, DeviceLogin device,
                 TokenStore tokens, ProfileLocks locks, ProfileStore profiles, AuditLog audit, Terminal terminal) {
        this.environment = environment;
        this.policy = policy;
        this.flowPolicy = flowPolicy;
        this.discovery = discovery;
        this.pkce = pkce;
        this.device = device;
        this.tokens = tokens;
        this.locks = locks;
        this.profiles = profiles;
        this.audit = audit;
        this.terminal = terminal;
    }

    /**
     * @param flags  what the person asked for ({@code --device}, browser or not)
     * @param showQr print the device flow's verification URL as a QR code
     */
    public Session run(Profile requested, LoginFlags flags, boolean showQr) {
        return run(requested, flags, showQr, SignInHints.NONE);
    }

    /** @param hints what this sign-in asks besides the profile: account selection, step-up (checked in the new ID token) */
    public Session run(Profile requested, LoginFlags flags, boolean showQr, SignInHints hints) {
        // require_dpop: every login binds its tokens to a key, whatever the profile says
        Profile profile = policy.requireDpop() && !requested.dpop() ? requested.withDpop(true) : requested;
        String issuer = profile.issuer().toString();
        FlowDecision decision = flowPolicy.decide(environment, policy, profile, flags);
        audit.record(new AuthEvent.FlowChosen(profile.name(), issuer, decision.flow(), decision.reasons(), environment.signals()));
        if (decision instanceof FlowDecision.Refused refused) {
            if (refused.setting() != null) {
                audit.record(new AuthEvent.PolicyRefused(profile.name(), issuer, refused.setting(),
                        policy.origin(dev.cliauth.core.policy.PolicyKey.valueOf(refused.setting().toUpperCase(java.util.Locale.ROOT))), refused.message()));
            }
            throw new CliauthException(Failure.REFUSED, refused.message());
        }
        try {
            OIDCProviderMetadata metadata = ProviderHabits.of(profile).metadata(discovery);
            Session session = decision instanceof FlowDecision.Device viaDevice
                    ? deviceOrFallback(profile, metadata, viaDevice, showQr)
                    : pkce.login(profile, metadata, options((FlowDecision.Pkce) decision, hints));
            hints.check(session, java.time.Instant.now());
            locks.withLock(profile.name(), () -> {
                tokens.save(session); // under the lock: a refresh running now cannot overwrite the new session
                return null;
            });
            profiles.save(profile);
            audit.record(new AuthEvent.LoginSucceeded(profile.name(), issuer, session.subject().orElse(null), session.grant()));
            terminal.println("Signed in" + session.username().map(u -> " as " + u).orElse("") + " to " + session.issuer()
                    + " (profile " + profile.name() + "; stored in " + tokens.describe(profile.name()) + ").");
            ProviderHabits.of(profile).afterLogin(session.tokens()).ifPresent(terminal::println);
            return session;
        } catch (CliauthException e) {
            audit.record(new AuthEvent.LoginFailed(profile.name(), issuer, decision.flow(), e.failure().name(), e.getMessage()));
            throw e;
        }
    }

    private Session deviceOrFallback(Profile profile, OIDCProviderMetadata metadata, FlowDecision.Device decision, boolean showQr) {
        DeviceOutcome outcome = device.login(profile, metadata, new DeviceOptions(decision.openBrowser(), showQr, environment.terminal()));
        if (outcome instanceof DeviceOutcome.Completed completed) {
            return completed.session();
        }
        String reason = ((DeviceOutcome.Blocked) outcome).reason();
        terminal.println("The provider does not allow the device flow for this client (" + reason + "); continuing with a browser sign-in instead.");
        audit.record(new AuthEvent.FellBack(profile.name(), profile.issuer().toString(), "device_code", "authorization_code+pkce", reason));
        return pkce.login(profile, metadata, options(decision.fallback(), SignInHints.NONE));
    }

    private static PkceOptions options(FlowDecision.Pkce decision, SignInHints hints) {
        return new PkceOptions(decision.openBrowser(), decision.acceptPaste(), decision.sshPortHint(), hints);
    }
}
