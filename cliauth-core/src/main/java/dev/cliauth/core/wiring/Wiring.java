package dev.cliauth.core.wiring;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.audit.JsonLinesAuditLog;
import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.browser.SystemBrowser;
import dev.cliauth.core.config.Locations;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.env.EnvironmentProbe;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.flow.device.DeviceLogin;
import dev.cliauth.core.flow.logout.Logout;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.flow.workload.SecretFiles;
import dev.cliauth.core.flow.workload.WorkloadLogin;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.net.TrustedCertificates;
import dev.cliauth.core.flow.resource.ResourceDiscovery;
import dev.cliauth.core.flow.resource.ResourceLogin;
import dev.cliauth.core.oauth.ClientRegistration;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.PushedAuthorization;
import dev.cliauth.core.oauth.Revocation;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.policy.FlowPolicy;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.MigratingTokenStore;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.TokenStore;
import dev.cliauth.core.token.keychain.KeychainProbe;
import dev.cliauth.core.token.keychain.KeychainTokenStore;
import dev.cliauth.core.token.keychain.Keychains;
import dev.cliauth.core.token.keychain.SecretToolKeychain;

import dev.cliauth.core.flow.refresh.Refresher;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.workload.WorkloadTokens;
import dev.cliauth.core.policy.PolicySources;
import dev.cliauth.core.token.EncryptedWorkloadTokenCache;
import dev.cliauth.core.token.StoreChoice;
import dev.cliauth.core.token.WorkloadTokenCache;
import java.util.List;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the production objects from one process's environment, clock and terminal. Each call builds fresh objects;
 * the caller keeps the token store it chose, because choosing one probes the keychain (up to seconds) and should
 * happen once per process. The token store is a parameter where it matters, so the library can use one of its
 * caller's choosing while the command always takes {@link #chooseTokenStore()}.
 */
public final class Wiring {
    private ProfileLocks locks;
    private Policy policy;
    private final Map<String, String> env;
    private final Clock clock;
    private final Terminal terminal;
    private final boolean consoleAttached;
    private final Supplier<OAuthHttp> http;
    private final List<Path> administratorPolicies;
    private final PrivateFiles files = new PrivateFiles();

    /**
     * @param env             the process environment (XDG directories, {@code CLIAUTH_POLICY}, CI and SSH markers...)
     * @param clock           the time
     * @param terminal        where flows talk to the person; audit log warnings go there too
     * @param consoleAttached whether a terminal is attached ({@code System.console() != null})
     * @param http            protocol HTTP, asked for each time an object is built (the command changes it with flags)
     */
    public Wiring(Map<String, String> env, Clock clock, Terminal terminal, boolean consoleAttached, Supplier<OAuthHttp> http) {
        this(env, clock, terminal, consoleAttached, http, PolicySources.administratorFiles());
    }

    /**
     * @param administratorPolicies the administrator's policy files ({@link PolicySources#administratorFiles()} in
     *                              production; tests name their own, so that this machine's {@code /etc} never decides)
     */
    public Wiring(Map<String, String> env, Clock clock, Terminal terminal, boolean consoleAttached, Supplier<OAuthHttp> http,
                  List<Path> administratorPolicies) {
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock);
        this.terminal = Objects.requireNonNull(terminal);
        this.consoleAttached = consoleAttached;
        this.http = Objects.requireNonNull(http);
        this.administratorPolicies = List.copyOf(administratorPolicies);
    }

    /** Protocol HTTP with the default timeouts, trusting {@code caFile}, else {@code SSL_CERT_FILE}, besides the JDK's CAs. */
    public static OAuthHttp http(Map<String, String> env, Path caFile, Consumer<String> trace) {
        Path bundle = caFile != null ? caFile : Optional.ofNullable(env.get("SSL_CERT_FILE")).filter(v -> !v.isBlank()).map(Path::of).orElse(null);
        // read when the first request needs it: a token served from the store needs no TLS, nor a readable bundle
        return OAuthHttp.defaults(trace, () -> bundle == null ? null : TrustedCertificates.withBundle(bundle));
    }

    /** The XDG directories from the environment. */
    public Locations locations() {
        return Locations.fromEnvironment(env);
    }

    /** The saved profiles, under the config directory. */
    public ProfileStore profiles() {
        return new ProfileStore(locations().configDir(), files);
    }

    /** Where the policy is read from: the administrator's files, then the user's (which can only tighten). */
    public PolicySources policySources() {
        return new PolicySources(administratorPolicies, env, PolicySources::readFromDisk);
    }

    /** The policy in force, read once per wiring: every file merged, setting by setting. */
    public synchronized Policy policy() {
        if (policy == null) {
            policy = policySources().load();
        }
        return policy;
    }

    /**
     * Where sessions live ({@link StoreChoice}, the rule the fast path follows too): the OS keychain where one
     * answers (with files behind it for sessions written before), else private files, saying why; the policy's
     * {@code token_storage} or {@code CLIAUTH_KEYCHAIN=required} can require a keychain. Probes the keychain: call it
     * once per process and keep the answer.
     */
    public TokenStore chooseTokenStore() {
        Policy policy = policy();
        String osName = System.getProperty("os.name", "");
        StoreChoice choice = StoreChoice.decide(policy, env, osName, osName.toLowerCase(Locale.ROOT).startsWith("linux")
                ? SecretToolKeychain.find(env) : Optional.empty());
        if (choice instanceof StoreChoice.SecretTool tool) {
            // libsecret's own tool: ~20 ms a call, against ~0.5 s to bring up a D-Bus client in this JVM
            choice = open(Keychains.probe(env, Duration.ofSeconds(5), osName,
                    () -> new SecretToolKeychain(tool.executable(), env, Duration.ofSeconds(10))), tool.required(), policy);
        } else if (choice instanceof StoreChoice.JavaKeyring keyring) {
            choice = open(Keychains.probe(env, Duration.ofSeconds(5)), keyring.required(), policy);
        }
        if (choice instanceof StoreChoice.Opened opened) {
            return new MigratingTokenStore(new KeychainTokenStore(opened.keychain()), fileTokenStore());
        }
        if (choice instanceof StoreChoice.Refused refused) {
            throw new CliauthException(Failure.REFUSED, refused.message());
        }
        StoreChoice.Files inFiles = (StoreChoice.Files) choice;
        return new FileTokenStore(locations().stateDir(), files, inFiles.note(), inFiles.fallback());
    }

    private StoreChoice open(KeychainProbe probe, boolean required, Policy policy) {
        return probe.keychain().<StoreChoice>map(StoreChoice.Opened::new)
                .orElseGet(() -> StoreChoice.unanswered(policy, env, required, probe.reason()));
    }

    /** Sessions as private files in the state directory, whatever the policy says (the caller checks it). */
    public FileTokenStore fileTokenStore() {
        return new FileTokenStore(locations().stateDir(), files);
    }

    /** Workload tokens in files bound to the credential that obtained them (never the shared session store). */
    public WorkloadTokenCache workloadTokenCache() {
        return new EncryptedWorkloadTokenCache(locations().stateDir(), files);
    }

    /** Where this process runs, from the environment and a few files. */
    public Environment environment() {
        return new EnvironmentProbe(env, Files::exists, Wiring::readSmallFile, System.getProperty("os.name", ""), consoleAttached).probe();
    }

    /** Per-profile locks across threads and processes, under the state directory; waits at most 90 s. */
    /**
     * One per wiring (so one per process in the CLI): a lock taken early — {@code cliauth token}'s fast path holds
     * it while the full path runs — is the same lock every use case takes again, so it re-enters instead of waiting.
     */
    public synchronized ProfileLocks locks() {
        if (locks == null) {
            locks = new ProfileLocks(locations().stateDir(), files, clock, Sleeper.system(), Duration.ofSeconds(90));
        }
        return locks;
    }

    /** The one token decision, over sessions in {@code store} and workload tokens in the credential-bound file cache. */
    public GetToken getToken(TokenStore store) {
        return getToken(store, workloadTokenCache());
    }

    /** The one token decision, with the stores given. */
    public GetToken getToken(TokenStore store, WorkloadTokenCache workloadCache) {
        Policy policy = policy();
        return new GetToken(store, new WorkloadTokens(workloadLogin(), workloadCache, locks(), clock),
                new Refresher(new TokenClient(http.get(), clock), clock, Sleeper.system()), locks(), policy, auditLog(policy), clock);
    }

    /** Tokens from a workload's own identity (client credentials, token exchange, JWT bearer): CI and automation. */
    public WorkloadLogin workloadLogin() {
        return new WorkloadLogin(new Discovery(http.get()), http.get(), env, SecretFiles.system(), terminal, clock);
    }

    /** The audit logs the policy names (every file's), if any; a failing write is a warning on the terminal, never an error. */
    public AuditLog auditLog(Policy policy) {
        List<AuditLog> logs = policy.auditLogs().stream().<AuditLog>map(path -> new JsonLinesAuditLog(path, clock,
                env.getOrDefault("USER", System.getProperty("user.name", "")), hostName(), terminal::println)).toList();
        return logs.isEmpty() ? AuditLog.none() : event -> logs.forEach(log -> log.record(event));
    }

    /** The person's browser: {@code BROWSER}, else the platform's opener. */
    public BrowserLauncher systemBrowser() {
        return new SystemBrowser(env, System.getProperty("os.name", ""), SystemBrowser.processStarter());
    }

    /**
     * Interactive login, with the flow chosen by {@link FlowPolicy} from this environment and the policy.
     *
     * @param pasted where paste mode reads the redirect address the person pastes back
     */
    public Login login(TokenStore store, BrowserLauncher browser, LineSource pasted) {
        Policy policy = policy();
        OAuthHttp http = this.http.get();
        Sessions sessions = new Sessions(new IdTokenVerifier(http, 60), clock);
        TokenClient tokenClient = new TokenClient(http, clock);
        PkceLogin pkce = new PkceLogin(new Discovery(http), tokenClient, new PushedAuthorization(http), sessions, browser, terminal, pasted,
                http::trace);
        DeviceLogin device = new DeviceLogin(tokenClient, http, sessions, browser, terminal, clock, Sleeper.system(), hostName());
        return new Login(environment(), policy, new FlowPolicy(), new Discovery(http), pkce, device, store, locks(), profiles(),
                auditLog(policy), terminal);
    }

    /** Follows a protected resource to its authorization server, reading only (RFC 9728, RFC 8414). */
    public ResourceDiscovery resourceDiscovery() {
        OAuthHttp http = this.http.get();
        return new ResourceDiscovery(http, new Discovery(http));
    }

    /** {@code login --resource}: discovery, dynamic registration where needed, then {@link #login}. */
    public ResourceLogin resourceLogin(TokenStore store, BrowserLauncher browser, LineSource pasted) {
        Policy policy = policy();
        return new ResourceLogin(environment(), policy, new FlowPolicy(), resourceDiscovery(), new ClientRegistration(http.get()),
                login(store, browser, pasted), profiles(), store, auditLog(policy), terminal);
    }

    /** Logout: revoke at the provider, then remove the session from {@code store}. */
    public Logout logout(TokenStore store) {
        ProfileStore profiles = profiles();
        return new Logout(store, locks(), new Discovery(http.get()), new Revocation(http.get()), terminal, name -> {
            try {
                return profiles.load(name);
            } catch (CliauthException e) {
                return Optional.empty(); // a broken profile file must not stop a logout
            }
        }, logoutAudit());
    }

    /** The audit log for a logout; a policy that cannot be read must not stop one (the person wants out). */
    private AuditLog logoutAudit() {
        try {
            return auditLog(policy());
        } catch (CliauthException e) {
            return AuditLog.none();
        }
    }

    /** The provider's metadata for a profile, the way its preset reads it (discovery, or the preset's fixed endpoints). */
    public com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata metadata(dev.cliauth.core.config.Profile profile) {
        return dev.cliauth.core.provider.ProviderHabits.of(profile).metadata(new Discovery(http.get()));
    }

    /** RP-initiated logout in the person's browser. */
    public dev.cliauth.core.flow.logout.EndSession endSession(BrowserLauncher browser) {
        return new dev.cliauth.core.flow.logout.EndSession(browser, terminal);
    }

    /** Standard input, line by line (paste mode). */
    public static LineSource stdin() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return () -> {
            try {
                return Optional.ofNullable(reader.readLine());
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }

    /** This machine's name, for the device flow's anti-phishing line and the audit log. */
    public String hostName() {
        String name = env.get("HOSTNAME");
        if (name == null || name.isBlank()) {
            name = readSmallFile(Path.of("/etc/hostname")).map(String::strip).orElse("");
        }
        if (name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "this machine";
            }
        }
        return name;
    }

    private static Optional<String> readSmallFile(Path path) {
        try {
            return Files.size(path) > 64 * 1024 ? Optional.empty() : Optional.of(Files.readString(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
