package dev.cliauth.core.flow.token;

import dev.cliauth.core.Problem;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyKey;
import dev.cliauth.core.token.JwtClaims;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to do with a profile's stored session, decided without asking any provider, lock or person: the first step of
 * {@link GetToken}, and the whole of {@code cliauth token}'s fast path, so both follow one rule. Order:
 * <ol>
 *   <li>the profile's issuer must be allowed by the policy ({@code allowed_issuers}), and the resource its token is for,
 *       if any, by {@code allowed_resources}: else refuse;</li>
 *   <li>a workload profile's tokens come from the workload's identity (its credential-bound cache, else the provider);</li>
 *   <li>no session, or one the provider ended: sign in;</li>
 *   <li>a session made for another issuer or client than the profile names now (it was reconfigured): sign in;</li>
 *   <li>tokens that must be bound to a key (the policy's {@code require_dpop}, the profile's {@code --dpop}) but are
 *       not: sign in (refused where only the policy can say so);</li>
 *   <li>the token wanted ({@link Want}: the access token, the ID token, or one for another resource or scope) with more
 *       than the margin left: hand it out;</li>
 *   <li>a refresh token: refresh (under the profile's lock, re-reading the store first);</li>
 *   <li>otherwise: sign in.</li>
 * </ol>
 * "The margin" is a tenth of the token's lifetime, at most 60 s, so a short-lived token is not refreshed on every
 * call — or the caller's {@code min-valid}, when longer; an access token whose expiry the provider did not state
 * counts as fresh, an ID token whose expiry cannot be read as stale.
 *
 * <p>Pure and dependency-free (no HTTP, JSON library or keychain code), so the fast path can use it before anything
 * loads: the JSON reader for an ID token's claims is the caller's.
 */
public final class TokenRule {
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private TokenRule() {
    }

    /** The decision. */
    public sealed interface Verdict {
    }

    /** Hand this token of this session out as it is. */
    public record HandOut(Session session, Issued token) implements Verdict {
        /** The session's own access token. */
        public HandOut(Session session) {
            this(session, Issued.access(session));
        }
    }

    /** Refresh this session (the token wanted is due, and it has a refresh token). */
    public record Refresh(Session session) implements Verdict {
    }

    /** A workload profile: its token comes from the workload's identity. */
    public record Workload() implements Verdict {
    }

    /** A person has to sign in (again); {@code problem} says why, for callers that cannot. */
    public record SignIn(Problem problem) implements Verdict {
    }

    /** No token can be handed out, and no sign-in would help (the policy forbids it, the provider issues none such). */
    public record Refuse(Problem problem) implements Verdict {
    }

    /** The access token, as every caller wanted before {@link Want} existed. */
    public static Verdict decide(Profile profile, Policy policy, Optional<Session> stored, Instant now) {
        return decide(profile, policy, stored, now, Want.access(), text -> {
            throw new java.text.ParseException("no reader for ID token claims", 0);
        });
    }

    /**
     * @param profile the profile's current settings
     * @param policy  the policy in force
     * @param stored  the stored session, if any
     * @param now     the time
     * @param want    which token, and for how long
     * @param claims  reads an ID token's claims (for its expiry)
     */
    public static Verdict decide(Profile profile, Policy policy, Optional<Session> stored, Instant now, Want want, JsonObject.Reader claims) {
        String issuer = profile.issuer().toString();
        if (!policy.allowsIssuer(issuer)) {
            return new Refuse(new Problem.PolicyRefused(profile.name(), PolicyKey.ALLOWED_ISSUERS.key(),
                    policy.originRefusing(issuer), "Issuer " + issuer + " is not allowed"));
        }
        java.net.URI resource = profile.resource().map(dev.cliauth.core.config.ResourceBinding::resource).orElse(null);
        if (resource != null && !policy.allowsResource(resource)) { // the token is for that API: allowed_resources too
            return new Refuse(new Problem.PolicyRefused(profile.name(), PolicyKey.ALLOWED_RESOURCES.key(),
                    policy.originRefusingResource(resource), "Resource " + resource + " is not allowed"));
        }
        Optional<java.net.URI> asked = want.resource().flatMap(TokenRule::uri);
        if (asked.isPresent() && !policy.allowsResource(asked.get())) { // a token for another API: allowed_resources too
            return new Refuse(new Problem.PolicyRefused(profile.name(), PolicyKey.ALLOWED_RESOURCES.key(),
                    policy.originRefusingResource(asked.get()), "Resource " + asked.get() + " is not allowed"));
        }
        if (profile.isWorkload()) {
            return new Workload();
        }
        if (stored.isEmpty()) {
            return new SignIn(new Problem.NotSignedIn(profile.name()));
        }
        Session session = stored.get();
        if (session.isEnded()) {
            return new SignIn(new Problem.SessionEnded(profile.name(), session.ended().orElseThrow()));
        }
        if (!session.issuer().equals(profile.issuer()) || !session.clientId().equals(profile.clientId())) {
            return new SignIn(new Problem.OtherProvider(profile.name(), session.issuer(), session.clientId(), profile.issuer(), profile.clientId()));
        }
        if ((policy.requireDpop() || profile.dpop()) && !isBound(session)) {
            return new SignIn(policy.requireDpop()
                    ? new Problem.NotBound(profile.name(), policy.origin(PolicyKey.REQUIRE_DPOP) + " (require_dpop)", true)
                    : new Problem.NotBound(profile.name(), "the profile", false));
        }
        Optional<Issued> fresh = freshToken(session, profile, want, now, claims);
        if (fresh.isPresent()) {
            return new HandOut(session, fresh.get());
        }
        if (want.kind() == Want.Kind.ID && session.tokens().idToken().isEmpty()) {
            return new Refuse(new Problem.NoIdToken(profile.name(), profile.issuer()));
        }
        if (session.tokens().refreshToken().isPresent()) {
            return new Refresh(session);
        }
        return new SignIn(new Problem.SessionExpired(profile.name()));
    }

    /** The token {@code want} names, when the session holds it with more than the margin left. */
    static Optional<Issued> freshToken(Session session, Profile profile, Want want, Instant now, JsonObject.Reader claims) {
        Instant issued = session.refreshedAt().orElse(session.obtainedAt());
        if (want.kind() == Want.Kind.ID) {
            return session.tokens().idToken().flatMap(idToken -> JwtClaims.expiry(idToken, claims)
                    .filter(exp -> now.plus(margin(issued, Optional.of(exp), want)).isBefore(exp))
                    .map(exp -> new Issued(idToken, "N_A", Optional.of(exp), Optional.empty(), Optional.empty())));
        }
        if (want.isDerived(profile)) {
            TokenSet derived = session.derived().get(want.derivedKey());
            if (derived == null || !derived.isFreshAt(now, margin(issued, derived.expiresAt(), want))) {
                return Optional.empty();
            }
            return Optional.of(new Issued(derived.accessToken(), derived.tokenType(), derived.expiresAt(), derived.scope(), want.resource()));
        }
        TokenSet tokens = session.tokens();
        return tokens.isFreshAt(now, margin(issued, tokens.expiresAt(), want)) ? Optional.of(Issued.access(session)) : Optional.empty();
    }

    private static Optional<java.net.URI> uri(String text) {
        try {
            return Optional.of(java.net.URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a URI: the provider will say so
        }
    }

    /** Whether the session's tokens are bound to its key: a key is kept, and the provider issued a DPoP token. */
    public static boolean isBound(Session session) {
        return session.dpopKey().isPresent() && session.tokens().tokenType().equalsIgnoreCase("DPoP");
    }

    /** Whether the access token is good at {@code now} with the margin to spare. */
    public static boolean isFresh(Session session, Instant now) {
        return session.tokens().isFreshAt(now, margin(session));
    }

    /** A tenth of the access token's lifetime, at most {@link #MAX_MARGIN}. */
    static Duration margin(Session session) {
        return margin(session.refreshedAt().orElse(session.obtainedAt()), session.tokens().expiresAt(), Want.access());
    }

    /** A tenth of the lifetime from {@code issued} to {@code expiry}, at most {@link #MAX_MARGIN}; at least what {@code want} asks. */
    private static Duration margin(Instant issued, Optional<Instant> expiry, Want want) {
        Duration tenth = expiry.map(at -> Duration.between(issued, at).dividedBy(10)).orElse(Duration.ZERO);
        Duration margin = tenth.isNegative() ? Duration.ZERO : tenth.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : tenth;
        return want.minValid().filter(min -> min.compareTo(margin) > 0).orElse(margin);
    }
}
