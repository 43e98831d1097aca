package dev.cliauth.core.flow.logout;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.audit.AuthEvent;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.provider.ProviderHabits;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.Revocation;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Logs a profile out. Order, under the profile's lock: read the session; if it has a refresh token and the provider
 * has a revocation endpoint, revoke it (RFC 7009); then delete the local session whatever the provider answered —
 * a person who logs out must not be left signed in because the network was down.
 */
public final class Logout {
    private final TokenStore store;
    private final ProfileLocks locks;
    private final Discovery discovery;
    private final Revocation revocation;
    private final Terminal terminal;
    private final Function<String, Optional<Profile>> profiles;
    private final AuditLog audit;

    public Logout(TokenStore store, ProfileLocks locks, Discovery discovery, Revocation revocation, Terminal terminal) {
        this(store, locks, discovery, revocation, terminal, name -> Optional.empty(), AuditLog.none());
    }

    /** @param profiles the saved profiles, whose provider preset says where the provider's metadata comes from */
    public Logout(TokenStore store, ProfileLocks locks, Discovery discovery, Revocation revocation, Terminal terminal,
                  Function<String, Optional<Profile>> profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
        this.store = store;
        this.locks = locks;
        this.discovery = discovery;
        this.revocation = revocation;
        this.terminal = terminal;
    }

    /** What happened to one profile. */
    public enum Outcome {
        /** Revoked at the provider and removed here. */
        REVOKED_AND_REMOVED,
        /** Removed here; the provider could not or would not revoke (a line said why). */
        REMOVED,
        /** There was no session. */
        NOT_SIGNED_IN
    }

    public Outcome logout(String profile) {
        return locks.withLock(profile, () -> {
            Optional<Session> session = store.load(profile);
            if (session.isEmpty()) {
                return Outcome.NOT_SIGNED_IN;
            }
            boolean revoked = session.get().tokens().refreshToken().map(token -> revoke(session.get(), token)).orElse(false);
            store.delete(profile);
            audit.record(new AuthEvent.LoggedOut(profile, session.get().issuer().toString(), session.get().subject().orElse(null), revoked));
            return revoked ? Outcome.REVOKED_AND_REMOVED : Outcome.REMOVED;
        });
    }

    private boolean revoke(Session session, String refreshToken) {
        Optional<Profile> profile = profiles.apply(session.profile()).filter(p -> p.issuer().equals(session.issuer()));
        ProviderPreset preset = profile.map(Profile::preset)
                .orElseGet(() -> ProviderPreset.detect(session.issuer()).orElse(ProviderPreset.OIDC));
        if (!preset.discovers()) {
            // GitHub and WorkOS publish no revocation endpoint a public client can call
            terminal.println(preset.displayName() + " offers no revocation for this client; the refresh token stays valid at " + session.issuer()
                    + " until it expires (revoke the app's access in your " + preset.displayName() + " account settings). Removing it here.");
            return false;
        }
        try {
            OIDCProviderMetadata metadata = profile.map(p -> ProviderHabits.of(p).metadata(discovery)).orElseGet(() -> discovery.discover(session.issuer()));
            URI endpoint = metadata.getRevocationEndpointURI();
            if (endpoint == null) {
                terminal.println("The provider has no revocation endpoint; the refresh token stays valid at " + session.issuer()
                        + " until it expires. Removing it here.");
                return false;
            }
            Revocation.Result result = revocation.revoke(endpoint, session.clientId(), refreshToken);
            if (result instanceof Revocation.Result.Refused refused) {
                terminal.println("The provider did not revoke the session (" + refused.summary() + "); removing it here anyway.");
                return false;
            }
            return true;
        } catch (CliauthException e) {
            terminal.println("Could not revoke the session at the provider (" + e.getMessage() + "); removing it here anyway.");
            return false;
        }
    }
}
