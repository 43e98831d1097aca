package dev.cliauth.core.api;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.Problem;
import dev.cliauth.core.flow.TerminalText;
import dev.cliauth.core.flow.logout.Logout;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.token.Want;
import dev.cliauth.core.policy.PolicyKey;
import dev.cliauth.core.token.WorkloadTokenCache;
import dev.cliauth.core.config.ResourceBinding;
import dev.cliauth.core.flow.resource.ResourceRequest;
import dev.cliauth.core.oauth.IssuerUrl;
import dev.cliauth.core.oauth.ResourceUrl;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.policy.TokenStorageRule;
import dev.cliauth.core.token.MemoryTokenStore;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;
import dev.cliauth.core.wiring.Wiring;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the person at the terminal into an OpenID Connect provider and gives a valid access token, for a Java
 * command-line program. Build one with {@link #builder()}; it is safe to share between threads.
 *
 * <p>{@link #accessToken()} decides in this order: if the profile's stored session is for this issuer and client
 * and its access token is fresh, return it; if it has a refresh token, refresh under the profile's cross-process
 * lock and store the result before returning it; otherwise sign in interactively, with the flow the environment
 * and the administrator's policy choose, exactly as {@code cliauth login} does: Authorization Code + PKCE with the
 * browser opened on a workstation, the URL printed and the redirect pasted back over SSH, the device flow only when
 * asked for ({@link Builder#device(boolean)}) or where the policy makes it the headless fallback, and no interactive
 * login at all on a CI runner ({@link Failure#REFUSED}). One login runs at a time per object; other threads wait
 * for it. The session last handed out is given again without reading the store while more than a minute of it is
 * left, so calling before every request costs next to nothing.
 *
 * <p>A profile names a session and its settings. They are the {@code cliauth} command's own, under
 * {@code $XDG_CONFIG_HOME/cliauth} and {@code $XDG_STATE_HOME/cliauth} (or the keychain): after a login here,
 * {@code cliauth token --profile NAME} gives the same token, and a profile configured with the command can be used
 * here without an issuer or client id. Settings given to the builder win over saved ones and are saved at login,
 * as {@code cliauth login}'s flags are; a session stored for another issuer or client is never handed out, but
 * replaced by a new login. Give your program a profile name of its own to keep its session apart. A profile
 * configured for workload identity ({@code cliauth configure --grant ...}) gets its tokens from the workload's own
 * identity, with no login, as {@code cliauth token} does; that is how the same program runs in CI.
 *
 * <p>The administrator's policy ({@code $CLIAUTH_POLICY}, else {@code /etc/cliauth/policy.toml}) applies as it does
 * to the command: allowed issuers, where the device flow may run, where tokens may be stored, the audit log. TLS
 * trusts the JDK's CAs and the bundle named by {@code SSL_CERT_FILE}; proxies are the JVM's
 * ({@link java.net.ProxySelector#getDefault()}).
 *
 * <p>Every failure is a {@link CliauthException}; its {@link CliauthException#failure()} says what kind
 * ({@link Failure#LOGIN_FAILED}, {@link Failure#TIMEOUT}, {@link Failure#REFUSED}, {@link Failure#CONFIGURATION},
 * {@link Failure#PROVIDER_UNAVAILABLE}, {@link Failure#STORAGE}, {@link Failure#CANCELLED}) and its message, one
 * line with no secret in it, what to do.
 */
public final class CliAuth {
    private final Settings settings;
    private final Wiring wiring;
    /** Hand out the session this object last gave while this much of its lifetime is left, without reading the store. */
    private static final Duration REUSE_MARGIN = Duration.ofSeconds(60);

    private final Object loginLock = new Object();
    private TokenStore store;
    private WorkloadTokenCache workloadCache;
    private volatile Session last;

    private CliAuth(Settings settings) {
        this.settings = settings;
        this.wiring = new Wiring(settings.environment, settings.clock, settings.terminal, System.console() != null,
                () -> Wiring.http(settings.environment, null, line -> { }));
    }

    /**
     * A builder with the defaults: profile {@code default}, scopes {@code openid profile email}, sessions in the
     * keychain else in files, the browser opened, a login timeout of five minutes, messages on standard error, the
     * process's environment and the system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A valid access token for the profile: the stored one while fresh, else a refreshed one, else one from an
     * interactive login (see the class comment for the order).
     *
     * @return the access token, to send as {@code Authorization: Bearer <token>}
     * @throws CliauthException when no token can be had; its {@link Failure} says why
     */
    public String accessToken() {
        return session().tokens().accessToken();
    }

    /**
     * The profile's valid session, obtained as {@link #accessToken()} obtains it: the access token, and who signed
     * in ({@link Session#subject()}, {@link Session#username()}), when, and until when the token is good.
     *
     * @return the session; its {@link Session#tokens()} hold an access token that is fresh now
     * @throws CliauthException when no session can be had; its {@link Failure} says why
     */
    public Session session() {
        Session reuse = last;
        if (reuse != null && reuse.tokens().isFreshAt(settings.clock.instant(), REUSE_MARGIN)) {
            return reuse; // a program calling before every request does not read the keychain every time
        }
        Session session = obtain();
        last = session;
        return session;
    }

    /**
     * The profile's ID token (OpenID Connect), refreshed first when it nears its expiry: what a Kubernetes API server's
     * OIDC authenticator validates. Signs in when needed, as {@link #accessToken()} does.
     *
     * @throws CliauthException when none can be had; a provider that issues no ID tokens (GitHub) gives
     *                          {@link Failure#CONFIGURATION}
     */
    public String idToken() {
        return obtain(Want.idToken()).token().value();
    }

    /**
     * An access token for another API (RFC 8707 resource indicator), obtained with the session's refresh token and kept
     * beside the main one — no new sign-in where the provider allows it. Entra ID: asked for as {@code RESOURCE/.default}.
     *
     * @param resource the API's resource identifier, like {@code https://api.example.com}
     * @return the access token for it
     */
    public String accessToken(URI resource) {
        return obtain(new Want(Want.Kind.ACCESS, Optional.of(Objects.requireNonNull(resource, "resource").toString()), Optional.empty(),
                Optional.empty())).token().value();
    }

    /**
     * An access token for these scopes (narrower than the profile's), obtained with the session's refresh token and
     * kept beside the main one.
     */
    public String accessTokenForScopes(String... scopes) {
        return obtain(new Want(Want.Kind.ACCESS, Optional.empty(), Optional.of(String.join(" ", scopes)), Optional.empty())).token().value();
    }

    /**
     * Satisfies an API's step-up challenge: given its {@code WWW-Authenticate} value (RFC 9470
     * {@code insufficient_user_authentication} with {@code acr_values} / {@code max_age}, or Entra ID's claims
     * challenge), signs in again with what it asks, checks the new ID token proves it, and gives the new access token.
     *
     * @param wwwAuthenticate the header value the API answered with
     * @return the new access token
     * @throws CliauthException ({@link Failure#CONFIGURATION}) when the value asks for no step-up; else as {@link #accessToken()}
     */
    public String stepUp(String wwwAuthenticate) {
        dev.cliauth.core.flow.SignInHints hints = dev.cliauth.core.flow.StepUpChallenge.parse(wwwAuthenticate);
        Profile profile = profile();
        synchronized (loginLock) {
            last = null;
            Session session = wiring.login(store(), browser(), pasted()).run(profile, new LoginFlags(false, profile.openBrowser()), false, hints);
            last = session;
            return session.tokens().accessToken();
        }
    }

    private BrowserLauncher browser() {
        return settings.browser != null ? settings.browser : wiring.systemBrowser();
    }

    private LineSource pasted() {
        return settings.pasted != null ? settings.pasted : System.console() != null ? Wiring.stdin() : LineSource.none();
    }

    private Session obtain() {
        return obtain(Want.access()).session();
    }

    private dev.cliauth.core.flow.token.TokenRule.HandOut obtain(Want want) {
        if (settings.resource != null && !boundToResource()) {
            signInToResource(); // nothing configured for it yet: its chain says where, as login --resource; then as any profile
        }
        Profile profile = profile();
        TokenStore tokens = store();
        GetToken getToken = settings.storage == TokenStorage.MEMORY && settings.store == null
                ? wiring.getToken(tokens, workloadCache()) : wiring.getToken(tokens);
        return getToken.issue(GetToken.Request.of(profile, "library").wanting(want).signingInWith((settings, why) -> {
            synchronized (loginLock) {
                try {
                    // another thread may have signed in while this one waited
                    return getToken.get(GetToken.Request.of(settings, "library"));
                } catch (CliauthException e) {
                    if (e.problem().filter(Problem::curedBySignIn).isEmpty()) {
                        throw e;
                    }
                }
                return wiring.login(tokens, browser(), pasted()).run(settings, new LoginFlags(this.settings.device, settings.openBrowser()), false);
            }
        }));
    }

    /** Whether the saved profile is already set up for the builder's resource (then it is used as any profile is). */
    private boolean boundToResource() {
        return wiring.profiles().load(settings.profile).flatMap(Profile::resource).map(ResourceBinding::resource)
                .filter(settings.resource::equals).isPresent();
    }

    /** {@link Builder#resource}: discover, register where needed, and sign in, exactly as {@code cliauth login --resource}. */
    private void signInToResource() {
        synchronized (loginLock) {
            if (boundToResource()) {
                return; // another thread set it up while this one waited
            }
            ResourceRequest request = new ResourceRequest(settings.profile, settings.resource, Optional.ofNullable(settings.issuer),
                    Optional.ofNullable(settings.clientId), Optional.ofNullable(settings.scope), Optional.empty(), profile -> {
                        Profile adjusted = settings.openBrowser != null ? profile.withOpenBrowser(settings.openBrowser) : profile;
                        return settings.timeout != null ? adjusted.withLoginTimeout(settings.timeout) : adjusted;
                    });
            boolean openBrowser = settings.openBrowser != null ? settings.openBrowser
                    : wiring.profiles().load(settings.profile).map(Profile::openBrowser).orElse(true);
            wiring.resourceLogin(store(), browser(), pasted()).run(request, new LoginFlags(settings.device, openBrowser), false);
        }
    }

    private synchronized WorkloadTokenCache workloadCache() {
        if (workloadCache == null) {
            workloadCache = WorkloadTokenCache.memory();
        }
        return workloadCache;
    }

    /**
     * Signs out of the profile: revokes its refresh token at the provider (RFC 7009) where the provider offers that,
     * then removes the session here whatever the provider answered. The profile's settings are kept. Says on the
     * terminal what happened, or that there was no session.
     *
     * @throws CliauthException when the stored session cannot be read or removed ({@link Failure#STORAGE})
     */
    public void logout() {
        last = null;
        Logout.Outcome outcome = wiring.logout(store()).logout(settings.profile);
        settings.terminal.println(switch (outcome) {
            case REVOKED_AND_REMOVED -> "Signed out (profile " + settings.profile + "): revoked at the provider and removed here.";
            case REMOVED -> "Signed out (profile " + settings.profile + "): removed here.";
            case NOT_SIGNED_IN -> "Not signed in (profile " + settings.profile + "); nothing to remove.";
        });
    }

    /**
     * The profile to sign in with: the saved one with the builder's settings over it, as {@code cliauth login} applies
     * its flags. A saved workload profile is used as saved (its client is the workload's own), if it is for the same
     * issuer.
     */
    private Profile profile() {
        Optional<Profile> saved = wiring.profiles().load(settings.profile);
        if (saved.isPresent() && saved.get().isWorkload()) {
            Profile workload = saved.get();
            if (settings.issuer != null && !settings.issuer.equals(workload.issuer())) {
                throw new CliauthException(Failure.CONFIGURATION, "Profile " + settings.profile + " is configured for workload identity at "
                        + workload.issuer() + ", not at " + settings.issuer + "; use another profile name, or reconfigure it.");
            }
            return workload;
        }
        URI issuer = settings.issuer != null ? settings.issuer : saved.map(Profile::issuer)
                .orElseGet(() -> settings.provider == null ? null : settings.provider.issuer(Optional.empty(), Optional.empty()));
        String clientId = settings.clientId != null ? settings.clientId : saved.map(Profile::clientId).orElse(null);
        if (issuer == null || clientId == null) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile '" + settings.profile + "' has no " + (issuer == null ? "issuer" : "client id")
                    + "; give it to CliAuth.builder(), or configure the profile with 'cliauth configure --profile " + settings.profile
                    + " --issuer URL --client-id ID'.");
        }
        Profile profile = saved.orElseGet(() -> Profile.of(settings.profile, issuer, clientId)).withIssuer(issuer).withClientId(clientId);
        if (settings.provider != null) {
            profile = profile.withProvider(profile.provider().withPreset(settings.provider));
        }
        if (settings.apiAudience != null) {
            profile = profile.withProvider(profile.provider().withAudience(settings.apiAudience));
        }
        if (saved.isEmpty() && settings.scope == null) {
            profile = profile.withScope(profile.preset().defaultScope()); // what the provider needs, e.g. offline_access
        }
        if (settings.scope != null) {
            profile = profile.withScope(settings.scope);
        }
        if (settings.openBrowser != null) {
            profile = profile.withOpenBrowser(settings.openBrowser);
        }
        if (settings.timeout != null) {
            profile = profile.withLoginTimeout(settings.timeout);
        }
        return profile;
    }

    /** The token store, chosen on first use: choosing the keychain asks it whether it answers, which can take seconds. */
    private synchronized TokenStore store() {
        if (store == null) {
            store = settings.store != null ? settings.store : switch (settings.storage) {
                case KEYCHAIN_ELSE_FILE -> wiring.chooseTokenStore();
                case FILE -> {
                    var policy = wiring.policy();
                    if (policy.tokenStorage() == TokenStorageRule.KEYCHAIN) {
                        throw new CliauthException(Failure.REFUSED, policy.origin(PolicyKey.TOKEN_STORAGE) + " requires token_storage = \"keychain\";"
                                + " this program asked to keep tokens in a file, which the policy does not allow.");
                    }
                    yield wiring.fileTokenStore();
                }
                case MEMORY -> new MemoryTokenStore();
            };
        }
        return store;
    }

    /** The settings, for logs and debugging: profile, issuer, client, device, browser; never a token. */
    @Override
    public String toString() {
        return "CliAuth[profile=" + settings.profile + ", issuer=" + (settings.issuer == null ? "(from the profile)" : settings.issuer)
                + ", clientId=" + (settings.clientId == null ? "(from the profile)" : settings.clientId)
                + ", device=" + settings.device + ", openBrowser=" + (settings.openBrowser == null ? "(from the profile)" : settings.openBrowser) + "]";
    }

    /** What the builder was given, frozen. */
    private record Settings(URI issuer, String clientId, String scope, String profile, TokenStorage storage, TokenStore store,
                            Boolean openBrowser, boolean device, Duration timeout, Terminal terminal, Map<String, String> environment,
                            Clock clock, BrowserLauncher browser, LineSource pasted, ProviderPreset provider, String apiAudience, URI resource) {
    }

    /**
     * Settings for a {@link CliAuth}. Each setter checks its value at once: a bad one is a {@link CliauthException}
     * with {@link Failure#CONFIGURATION}; {@code null} is a {@link NullPointerException}. Not thread-safe.
     */
    public static final class Builder {
        private URI issuer;
        private String clientId;
        private String scope;
        private String profile = Profile.DEFAULT_NAME;
        private ProviderPreset provider;
        private String apiAudience;
        private URI resource;
        private TokenStorage storage = TokenStorage.KEYCHAIN_ELSE_FILE;
        private TokenStore store;
        private Boolean openBrowser;
        private boolean device;
        private Duration timeout;
        private Terminal terminal;
        private Map<String, String> environment;
        private Clock clock = Clock.systemUTC();
        private BrowserLauncher browser;
        private LineSource pasted;

        private Builder() {
        }

        /**
         * The provider's issuer, exactly as its discovery document states it ({@code https}, or {@code http} on a
         * loopback address). Optional when the profile was configured with one.
         *
         * @param issuer the issuer URL, like {@code https://id.example.com/realms/acme}
         * @return this builder
         */
        public Builder issuer(URI issuer) {
            this.issuer = IssuerUrl.check(Objects.requireNonNull(issuer, "issuer"));
            return this;
        }

        /**
         * The OAuth client registered for this program at the provider: a public client allowed the Authorization
         * Code grant with a loopback redirect ({@code http://127.0.0.1}, any port), and the device grant where that
         * is wanted. Optional when the profile was configured with one.
         *
         * @param clientId the client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            if (Objects.requireNonNull(clientId, "clientId").isBlank()) {
                throw new CliauthException(Failure.CONFIGURATION, "The client id must not be blank.");
            }
            this.clientId = clientId.strip();
            return this;
        }

        /**
         * The scopes to ask for (default: the profile's, else {@code openid profile email}). Include {@code openid}
         * to learn who signed in ({@link Session#subject()}), {@code offline_access} where the provider wants it
         * for refresh tokens.
         *
         * @param scopes one or more scopes, like {@code "openid", "profile", "api:read"}
         * @return this builder
         */
        public Builder scopes(String... scopes) {
            Objects.requireNonNull(scopes, "scopes");
            if (scopes.length == 0 || Arrays.stream(scopes).anyMatch(s -> s == null || s.isBlank())) {
                throw new CliauthException(Failure.CONFIGURATION, "Give at least one scope, and no blank ones.");
            }
            this.scope = String.join(" ", scopes).strip();
            return this;
        }

        /**
         * The provider's habits to follow (default: detected from the issuer's host): where its metadata comes from,
         * how its token endpoint is spoken to, what its errors mean. GitHub, Google and WorkOS need no issuer.
         *
         * @param provider the preset, like {@link ProviderPreset#ENTRA}
         * @return this builder
         */
        public Builder provider(ProviderPreset provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Auth0: the API identifier the access token is for, sent as {@code audience}.
         *
         * @param audience the API identifier, like {@code https://api.example.com}
         * @return this builder
         */
        public Builder apiAudience(String audience) {
            if (Objects.requireNonNull(audience, "audience").isBlank()) {
                throw new CliauthException(Failure.CONFIGURATION, "The API audience must not be blank.");
            }
            this.apiAudience = audience.strip();
            return this;
        }

        /**
         * A protected resource (an API, an MCP server) to get tokens for, with nothing else configured: its metadata
         * (RFC 9728) names the authorization server ({@link #issuer} chooses when it names several), a client is
         * registered there unless {@link #clientId} is given (RFC 7591), and every token is for that resource only
         * (RFC 8707), as {@code cliauth login --resource} does. The profile then remembers the resource, the server
         * and the client; later calls use it as any profile.
         *
         * @param resource the resource's URL, like {@code https://api.example.com/mcp}
         * @return this builder
         */
        public Builder resource(URI resource) {
            this.resource = ResourceUrl.check(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /**
         * The profile: the name under which the session and its settings are kept (default {@code default}).
         *
         * @param name letters, digits, {@code .}, {@code -} or {@code _}, starting with a letter or digit; at most 64
         * @return this builder
         */
        public Builder profile(String name) {
            this.profile = Profile.checkName(Objects.requireNonNull(name, "profile"));
            return this;
        }

        /**
         * Keep sessions in this store instead of one of the {@link TokenStorage} choices; the program then answers
         * for where they are kept.
         *
         * @param store the store; it must be safe to use from several threads
         * @return this builder
         */
        public Builder store(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where to keep sessions (default {@link TokenStorage#KEYCHAIN_ELSE_FILE}); replaces a store given before.
         *
         * @param storage keychain else file, file, or memory
         * @return this builder
         */
        public Builder store(TokenStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.store = null;
            return this;
        }

        /**
         * Whether a login opens the browser (default: the profile's setting, else yes). With {@code false} the
         * sign-in URL is only printed, and the address the browser ends on may be pasted back.
         *
         * @param open {@code false} for {@code --no-browser}
         * @return this builder
         */
        public Builder openBrowser(boolean open) {
            this.openBrowser = open;
            return this;
        }

        /**
         * Ask for the device flow (RFC 8628) at login, as {@code cliauth login --device}: only where the policy
         * allows it ({@link Failure#REFUSED} where it says never); where the provider blocks it, the login continues
         * with the browser.
         *
         * @param device {@code true} for {@code --device}
         * @return this builder
         */
        public Builder device(boolean device) {
            this.device = device;
            return this;
        }

        /**
         * How long a login waits for the person to finish signing in (default: the profile's, else five minutes).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new CliauthException(Failure.CONFIGURATION, "The login timeout must be positive, like 90 seconds or 5 minutes.");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Where messages for the person go: the URL to open, the device code, "Signed in as ..." (default: standard
         * error, which leaves standard output to the program). Never given a token or secret; text from the provider
         * is cleaned of control and format characters before it gets here.
         *
         * @param terminal one line at a time
         * @return this builder
         */
        public Builder terminal(Terminal terminal) {
            this.terminal = Objects.requireNonNull(terminal, "terminal");
            return this;
        }

        /**
         * The environment variables to read (default {@link System#getenv()}): {@code HOME} and the XDG directories,
         * {@code CLIAUTH_POLICY}, {@code BROWSER}, {@code SSL_CERT_FILE}, CI and SSH markers, the keychain's
         * {@code DBUS_SESSION_BUS_ADDRESS}, secrets named by a workload profile.
         *
         * @param environment variable names to values; copied
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * The clock that decides whether a token is still fresh (default: the system clock in UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How the sign-in page is opened (default: {@code $BROWSER}, else the platform's opener such as
         * {@code xdg-open} or {@code open}). For programs with their own way to show a page, and for tests.
         *
         * @param browser opens a URL and says whether it could
         * @return this builder
         */
        public Builder browser(BrowserLauncher browser) {
            this.browser = Objects.requireNonNull(browser, "browser");
            return this;
        }

        /**
         * Where a login reads the address the person pastes back when the browser is on another machine and cannot
         * reach this one (paste mode, chosen for SSH sessions and other headless places). Default: standard input when
         * the program runs at a terminal, else nothing, so piped input meant for the program is never taken.
         * {@link LineSource#none()} leaves only the loopback listener (and the SSH port-forward it suggests).
         *
         * @param input lines the person types; its reader may still be waiting for a line after the login ended
         * @return this builder
         */
        public Builder pastedInput(LineSource input) {
            this.pasted = Objects.requireNonNull(input, "input");
            return this;
        }

        /**
         * A {@link CliAuth} with these settings. Nothing is read or sent yet: the profile, the policy and the keychain
         * are consulted on first use.
         *
         * @return the new object
         */
        public CliAuth build() {
            // As the cliauth command does first thing (Main): HttpURLConnection silently re-sends a POST whose kept-alive
            // connection was reset, and a second redemption of a code or of a rotating refresh token fails with
            // invalid_grant. Set only when the program has not chosen; it is read once, when HTTP is first used.
            if (System.getProperty("sun.net.http.retryPost") == null) {
                System.setProperty("sun.net.http.retryPost", "false");
            }
            // provider text reaches the person only cleaned of control characters, whatever terminal the program gave
            Terminal lines = TerminalText.cleaning(terminal != null ? terminal : line -> System.err.println(line));
            return new CliAuth(new Settings(issuer, clientId, scope, profile, storage, store, openBrowser, device, timeout, lines,
                    environment != null ? environment : System.getenv(), clock, browser, pasted, provider, apiAudience, resource));
        }
    }
}
