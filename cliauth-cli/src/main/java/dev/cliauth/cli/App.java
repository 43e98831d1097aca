package dev.cliauth.cli;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.config.Locations;
import dev.cliauth.core.config.DefaultProfile;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.flow.ConsoleTerminal;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.flow.logout.Logout;
import dev.cliauth.core.flow.resource.ResourceDiscovery;
import dev.cliauth.core.flow.resource.ResourceLogin;
import dev.cliauth.core.Problem;
import dev.cliauth.core.flow.SignInHints;
import dev.cliauth.core.flow.StepUpChallenge;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.token.Issued;
import dev.cliauth.core.flow.token.TokenRule;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.policy.PolicySources;
import dev.cliauth.core.flow.workload.WorkloadLogin;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;
import dev.cliauth.core.wiring.Wiring;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The one place that builds the command's production objects. Everything that touches the outside world
 * (environment, clock, output streams) comes in through the constructor, so tests run the whole CLI in-process with
 * their own. What the library builds the same way (policy, token store, flows) comes from {@link Wiring}; this class
 * adds what only the command has: its streams, {@code --verbose} and {@code --ca-file}.
 */
public final class App {
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ConsoleTerminal terminal;
    private final Clock clock;
    private final Wiring wiring;
    private volatile boolean verbose;
    private TokenStore tokenStore;
    private Path caFile;
    private OAuthHttp http;

    public App(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, boolean consoleAttached) {
        this(env, out, err, clock, consoleAttached, PolicySources.administratorFiles());
    }

    /** @param administratorPolicies the administrator's policy files (tests name their own instead of this machine's) */
    public App(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, boolean consoleAttached, List<Path> administratorPolicies) {
        this.env = Map.copyOf(env);
        this.out = out;
        // every line for the person goes through one cleaning terminal (TerminalText); bin/cliauth says whether stderr is a tty
        this.terminal = new ConsoleTerminal(err, Boolean.getBoolean("cliauth.stderr.tty"));
        this.err = terminal.writer();
        this.clock = clock;
        this.wiring = new Wiring(this.env, clock, terminal(), consoleAttached, this::http, administratorPolicies);
    }

    /** {@code --verbose}: trace requests (method, URL without query, status) and decisions on stderr; never a secret. */
    public void verbose(boolean on) {
        this.verbose = on || "1".equals(env.get("CLIAUTH_VERBOSE"));
    }

    /** {@code --ca-file}: trust this PEM bundle besides the JDK's CAs (else {@code SSL_CERT_FILE}, when set). */
    public void caFile(Path bundle) {
        if (bundle != null) {
            this.caFile = bundle;
            this.http = null;
        }
    }

    /** Protocol HTTP: timeouts, --verbose tracing, extra CAs. Proxies come from the environment (see Main). */
    private OAuthHttp http() {
        if (http == null) {
            http = Wiring.http(env, caFile, this::trace);
        }
        return http;
    }

    public void trace(String line) {
        if (verbose) {
            err.println("cliauth: " + line);
            err.flush();
        }
    }

    public Map<String, String> env() {
        return env;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    public Locations locations() {
        return wiring.locations();
    }

    public ProfileStore profiles() {
        return wiring.profiles();
    }

    /**
     * Where sessions live: the OS keychain where one answers (with files behind it for sessions written before),
     * else private files, saying why; the policy's {@code token_storage} can require either. Chosen once per process.
     */
    public TokenStore tokenStore() {
        if (tokenStore == null) {
            tokenStore = wiring.chooseTokenStore();
        }
        return tokenStore;
    }

    public Terminal terminal() {
        return terminal;
    }

    public Environment environment() {
        return wiring.environment();
    }

    public Logout logout() {
        return wiring.logout(tokenStore());
    }

    /** One per process, so that a lock taken early (cliauth token's fast path) is the one the full path takes again. */
    public ProfileLocks locks() {
        return wiring.locks();
    }

    /** The one token decision, over this process's token store. */
    public GetToken getToken() {
        return wiring.getToken(tokenStore());
    }

    /** The profile commands use when none is named: {@code CLIAUTH_PROFILE}, else the one {@code cliauth use} chose, else default. */
    public String defaultProfile() {
        return DefaultProfile.resolve(env, locations().configDir(), new PrivateFiles());
    }

    /** The saved profile, or the reason there is no token without one (nobody signed in with that name). */
    public Profile savedProfile(String name) {
        return profiles().load(Profile.checkName(name)).orElseThrow(() -> new CliauthException(new Problem.NotSignedIn(name)));
    }

    /** The profile's session for a caller that never signs anyone in: {@link GetToken}'s answer. */
    public Session session(String profile, String caller) {
        return handOut(GetToken.Request.of(savedProfile(profile), caller));
    }

    /**
     * {@link GetToken}'s answer to {@code request}; when the session sits in a plain file because the keychain did not
     * answer, one line on stderr says so, once per session file (never on stdout, which carries the token).
     */
    public Session handOut(GetToken.Request request) {
        return handOutToken(request).session();
    }

    /** The token {@code request} wants (access, ID, another resource or scope), as {@link #handOut} gives it. */
    public Issued issue(GetToken.Request request) {
        return handOutToken(request).token();
    }

    private TokenRule.HandOut handOutToken(GetToken.Request request) {
        TokenRule.HandOut handOut = getToken().issue(request);
        if (tokenStore() instanceof FileTokenStore files) {
            files.fallbackNoticeOnce(handOut.session()).ifPresent(line -> {
                err.println(line);
                err.flush();
            });
        }
        return handOut;
    }

    /**
     * An API's step-up challenge ({@code WWW-Authenticate}): signs in again on the terminal with what it asks
     * ({@code acr_values}, {@code max_age}, a claims request), checks the new ID token proves it, then hands out the
     * token {@code request} wants from the new session.
     */
    public Issued stepUp(GetToken.Request request, String challenge) {
        SignInHints hints = StepUpChallenge.parse(challenge);
        Profile profile = request.profile();
        dev.cliauth.cli.commands.CancelNotice.around(this, () -> login().run(profile, new LoginFlags(false, profile.openBrowser()), false, hints));
        return issue(request);
    }

    /**
     * What {@code cliauth token --profile NAME} does once its options are read: the current access token (refreshed
     * first when due) and a newline on stdout, nothing else.
     */
    public int printToken(String profile) {
        Session session = session(profile, "token");
        out.println(session.tokens().accessToken());
        out.flush();
        return ExitCode.OK;
    }

    /** A failure's one line in the command's words: its {@link Problem} worded with the command's flags, else its message. */
    public String describe(CliauthException failure) {
        return failure.problem().map(ProblemWording::describe).orElse(failure.getMessage());
    }

    /** Reports a command's failure on stderr, one line, and gives its exit status (see {@link ExitCode}). */
    public int failed(Exception e) {
        if (e instanceof CliauthException failure) {
            err.println("cliauth: " + describe(failure));
            err.flush();
            return ExitCode.of(failure.failure());
        }
        err.println("cliauth: unexpected error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (please report it)");
        if (env.containsKey("CLIAUTH_DEBUG")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /** Tokens from a workload's own identity (client credentials, token exchange, JWT bearer): CI and automation. */
    public WorkloadLogin workloadLogin() {
        return wiring.workloadLogin();
    }

    public Policy policy() {
        return wiring.policy();
    }

    public PolicySources policySources() {
        return wiring.policySources();
    }

    public AuditLog auditLog(Policy policy) {
        return wiring.auditLog(policy);
    }

    /** Interactive login: the system browser, and standard input for a pasted redirect. */
    public Login login() {
        return wiring.login(tokenStore(), wiring.systemBrowser(), Wiring.stdin());
    }

    /** {@code login --resource}: the protected resource's chain, a registered client where needed, then the login. */
    public ResourceLogin resourceLogin() {
        return wiring.resourceLogin(tokenStore(), wiring.systemBrowser(), Wiring.stdin());
    }

    /** Follows a protected resource to its authorization server, reading only ({@code explain --resource}). */
    public ResourceDiscovery resourceDiscovery() {
        return wiring.resourceDiscovery();
    }

    /** The provider's metadata for a profile (discovery, or its preset's fixed endpoints). */
    public com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata metadata(Profile profile) {
        return wiring.metadata(profile);
    }

    /** RP-initiated logout in the system browser. */
    public dev.cliauth.core.flow.logout.EndSession endSession() {
        return wiring.endSession(wiring.systemBrowser());
    }

    /** This machine's name, for the device flow's anti-phishing line and the audit log. */
    public String hostName() {
        return wiring.hostName();
    }
}
