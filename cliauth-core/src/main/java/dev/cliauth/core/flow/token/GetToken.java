package dev.cliauth.core.flow.token;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Problem;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.audit.AuthEvent;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.refresh.Refresher;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.flow.workload.WorkloadTokens;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.provider.ProviderHabits;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides whether a caller gets a token for a profile, and which: every front end goes through it
 * ({@code cliauth token}, {@code kube-credential}, {@code git-credential}, {@code run}, {@code dpop-proof}, the
 * library's {@code accessToken()}), and {@code cliauth token}'s fast path answers only where this would answer the same.
 *
 * <p>Order (its first steps are {@link TokenRule}, pure):
 * <ol>
 *   <li>the profile's issuer must be allowed by the administrator's policy: otherwise refuse, before any request;</li>
 *   <li>a workload profile: the token cached for the credential the caller holds, else a new one from the provider
 *       ({@link WorkloadTokens}) — never a token someone else's credential obtained;</li>
 *   <li>a person's stored session, if it is for the profile's current issuer and client, not ended, bound to a key
 *       where that is required, and fresh: hand it out;</li>
 *   <li>if it has a refresh token: take the profile's cross-process lock, read the store again (another process may
 *       have refreshed, and rotated the refresh token, meanwhile: then decide again on what it stored), refresh, check
 *       the answer keeps the session's binding and identity, store it — before anyone sees the new access token — and
 *       hand it out; {@code invalid_grant} marks the session ended;</li>
 *   <li>otherwise a person must sign in: the caller's interactive sign-in runs if it has one (the library, kubectl at a
 *       terminal), else the caller gets the reason.</li>
 * </ol>
 * A caller that can only send bearer tokens (kubectl, git) is refused a key-bound session before any request. Each
 * refresh, new workload token and refusal is written to the policy's audit log.
 */
public final class GetToken {
    private final TokenStore store;
    private final WorkloadTokens workload;
    private final Refresher refresher;
    private final ProfileLocks locks;
    private final Policy policy;
    private final AuditLog audit;
    private final Clock clock;

    public GetToken(TokenStore store, WorkloadTokens workload, Refresher refresher, ProfileLocks locks, Policy policy, AuditLog audit, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.workload = Objects.requireNonNull(workload);
        this.refresher = Objects.requireNonNull(refresher);
        this.locks = Objects.requireNonNull(locks);
        this.policy = Objects.requireNonNull(policy);
        this.audit = Objects.requireNonNull(audit);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Signs a person in interactively, for callers that have one at hand. */
    @FunctionalInterface
    public interface SignIn {
        /**
         * @param profile the profile's settings
         * @param why     why the stored session cannot be used
         */
        Session signIn(Profile profile, Problem why);
    }

    /**
     * What is asked.
     *
     * @param profile    the profile's current settings (the saved file, or the library's builder settings over it)
     * @param caller     who asks, for the audit log: {@code token}, {@code kube-credential}, {@code library}...
     * @param bearerOnly the caller can send only bearer tokens (a key-bound session is refused to it)
     * @param signIn     the interactive sign-in to run when one is needed, if this caller may
     */
    public record Request(Profile profile, String caller, boolean bearerOnly, Optional<SignIn> signIn, Want want) {
        public Request {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(caller);
            Objects.requireNonNull(signIn);
            Objects.requireNonNull(want);
        }

        /** A caller that never signs anyone in, and wants the profile's access token. */
        public static Request of(Profile profile, String caller) {
            return new Request(profile, caller, false, Optional.empty(), Want.access());
        }

        public Request forBearerOnly() {
            return new Request(profile, caller, true, signIn, want);
        }

        public Request signingInWith(SignIn how) {
            return new Request(profile, caller, bearerOnly, Optional.of(how), want);
        }

        public Request wanting(Want value) {
            return new Request(profile, caller, bearerOnly, signIn, value);
        }
    }

    /**
     * The session whose access token the caller may use now.
     *
     * @throws CliauthException when none can be had; {@link CliauthException#problem()} says why where it is one of
     *                          the token decision's own reasons
     */
    public Session get(Request request) {
        return issue(request).session();
    }

    /**
     * The token the caller wants ({@link Request#want()}) and the session it comes from.
     *
     * @throws CliauthException as {@link #get}
     */
    public TokenRule.HandOut issue(Request request) {
        try {
            boolean bearerToken = request.want().kind() == Want.Kind.ACCESS;
            if (request.bearerOnly() && bearerToken && (request.profile().dpop() || policy.requireDpop())) {
                throw new CliauthException(new Problem.BearerOnly(request.profile().name(), request.caller())); // before any request
            }
            TokenRule.HandOut handOut = decide(request);
            if (request.bearerOnly() && bearerToken && handOut.token().type().equalsIgnoreCase("DPoP")) {
                throw new CliauthException(new Problem.BearerOnly(request.profile().name(), request.caller()));
            }
            return handOut;
        } catch (CliauthException e) {
            record(request, e);
            throw e;
        }
    }

    /**
     * A server rejected {@code accessToken} ({@code git-credential erase}): when it is the profile's current one, the
     * next call refreshes (or obtains anew, or asks for a sign-in) instead of handing the same token out again.
     *
     * @return whether anything was forgotten
     */
    public boolean rejected(Profile profile, String accessToken) {
        if (profile.isWorkload()) {
            return workload.forget(profile.name());
        }
        return locks.withLock(profile.name(), () -> {
            Optional<Session> stored = store.load(profile.name()).filter(s -> s.holds(accessToken));
            stored.ifPresent(session -> store.save(session.withTokenRejected(accessToken, clock.instant())));
            return stored.isPresent();
        });
    }

    private TokenRule.Verdict verdict(Request request) {
        return TokenRule.decide(request.profile(), policy, store.load(request.profile().name()), clock.instant(), request.want(),
                JsonObject::parse);
    }

    private TokenRule.HandOut decide(Request request) {
        Profile profile = request.profile();
        TokenRule.Verdict verdict = verdict(request);
        if (verdict instanceof TokenRule.HandOut handOut) {
            return handOut;
        }
        if (verdict instanceof TokenRule.Refuse refuse) {
            throw new CliauthException(refuse.problem());
        }
        if (verdict instanceof TokenRule.Workload) {
            if (request.want().kind() != Want.Kind.ACCESS || request.want().isDerived(profile)) {
                throw new CliauthException(dev.cliauth.core.Failure.CONFIGURATION, "Profile " + profile.name() + " is a workload profile: it"
                        + " gets the access token of its own grant and scope, no ID token and no token for another resource or scope;"
                        + " configure another workload profile for that.");
            }
            WorkloadTokens.Result result = workload.get(profile, policy.requireDpop() || profile.dpop());
            if (result.obtained()) {
                audit.record(new AuthEvent.WorkloadTokenIssued(profile.name(), profile.issuer().toString(), result.session().subject().orElse(null),
                        profile.workload().orElseThrow().grant().value(), request.caller()));
            }
            return new TokenRule.HandOut(result.session());
        }
        if (verdict instanceof TokenRule.Refresh) {
            Optional<TokenRule.HandOut> refreshed = locks.withLock(profile.name(), () -> refreshHoldingLock(request));
            if (refreshed.isPresent()) {
                return refreshed.get();
            }
            // the session ended at the provider, or another process left one that needs a sign-in
            return signIn(request, verdict(request));
        }
        return signIn(request, verdict);
    }

    /** Under the lock: decide again on what is stored now, and refresh if that is still the answer. Empty: sign in. */
    private Optional<TokenRule.HandOut> refreshHoldingLock(Request request) {
        Profile profile = request.profile();
        TokenRule.Verdict again = verdict(request);
        if (again instanceof TokenRule.HandOut handOut) {
            return Optional.of(handOut); // another process refreshed meanwhile
        }
        if (!(again instanceof TokenRule.Refresh refresh)) {
            return Optional.empty();
        }
        Want want = request.want();
        Refresher.Outcome outcome = want.isDerived(profile)
                ? refresher.refreshFor(refresh.session(), ProviderHabits.of(profile), want.resource(), want.scope(), want.derivedKey())
                : refresher.refresh(refresh.session(), ProviderHabits.of(profile));
        if (outcome instanceof Refresher.Ended ended) {
            store.save(ended.session()); // kept, so status can say why; it hands out nothing
            return Optional.empty();
        }
        Session session = ((Refresher.Refreshed) outcome).session();
        store.save(session); // stored before the token is handed out: a rotated refresh token is never lost
        audit.record(new AuthEvent.TokenRefreshed(profile.name(), profile.issuer().toString(), session.subject().orElse(null), request.caller()));
        TokenRule.Verdict now = TokenRule.decide(profile, policy, Optional.of(session), clock.instant(), want, JsonObject::parse);
        if (now instanceof TokenRule.HandOut handOut) {
            return Optional.of(handOut);
        }
        // refreshed, and still not what was asked: the provider renewed no ID token, or gave a token already expiring
        throw new CliauthException(new Problem.SessionExpired(profile.name()));
    }

    private TokenRule.HandOut signIn(Request request, TokenRule.Verdict verdict) {
        if (verdict instanceof TokenRule.HandOut handOut) {
            return handOut;
        }
        if (verdict instanceof TokenRule.Refuse refuse) {
            throw new CliauthException(refuse.problem());
        }
        Problem why = verdict instanceof TokenRule.SignIn signIn ? signIn.problem() : new Problem.NotSignedIn(request.profile().name());
        if (request.signIn().isEmpty()) {
            throw new CliauthException(why);
        }
        // a new sign-in follows the policy (the flow, allowed_issuers) and binds the tokens where it must
        Session session = request.signIn().get().signIn(request.profile(), why);
        if (request.want().kind() == Want.Kind.ACCESS && !request.want().isDerived(request.profile())) {
            return new TokenRule.HandOut(session);
        }
        // the ID token, or a token for another resource or scope: from the new session, refreshing for it if need be
        return decide(new Request(request.profile(), request.caller(), request.bearerOnly(), Optional.empty(), request.want()));
    }

    private void record(Request request, CliauthException e) {
        Profile profile = request.profile();
        String setting = e.problem().filter(p -> p instanceof Problem.PolicyRefused).map(p -> ((Problem.PolicyRefused) p).setting())
                .or(() -> e.problem().filter(p -> p instanceof Problem.NotBound nb && nb.byPolicy()).map(p -> "require_dpop"))
                .orElse(null);
        audit.record(new AuthEvent.TokenRefused(profile.name(), profile.issuer().toString(), request.caller(), e.failure().name(), setting,
                e.getMessage()));
    }
}
