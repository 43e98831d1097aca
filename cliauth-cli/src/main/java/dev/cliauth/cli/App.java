package dev.cliauth.cli;

import dev.cliauth.core.browser.SystemBrowser;
import dev.cliauth.core.config.Locations;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.env.EnvironmentProbe;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.audit.JsonLinesAuditLog;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.logout.Logout;
import dev.cliauth.core.flow.workload.SecretFiles;
import dev.cliauth.core.flow.workload.WorkloadLogin;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.device.DeviceLogin;
import dev.cliauth.core.policy.FlowPolicy;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyFile;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.flow.refresh.TokenService;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.net.TrustedCertificates;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.PushedAuthorization;
import dev.cliauth.core.oauth.Revocation;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.policy.TokenStorageRule;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.MigratingTokenStore;
import dev.cliauth.core.token.keychain.KeychainProbe;
import dev.cliauth.core.token.keychain.KeychainTokenStore;
import dev.cliauth.core.token.keychain.Keychains;
import dev.cliauth.core.token.keychain.SecretToolKeychain;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.TokenStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that builds production objects. Everything that touches the outside world (environment, clock,
 * output streams) comes in through the constructor, so tests run the whole CLI in-process with their own.
 */
public final class App {
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final boolean consoleAttached;
    private final PrivateFiles files = new PrivateFiles();
    private volatile boolean verbose;
    private TokenStore tokenStore;
    private ProfileLocks locks;
    private Path caFile;
    private OAuthHttp http;

    public App(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, boolean consoleAttached) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.consoleAttached = consoleAttached;
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
            Path bundle = caFile != null ? caFile : Optional.ofNullable(env.get("SSL_CERT_FILE")).filter(v -> !v.isBlank()).map(Path::of).orElse(null);
            // read when the first request needs it: a token served from the store needs no TLS, nor a readable bundle
            http = OAuthHttp.defaults(this::trace, () -> bundle == null ? null : TrustedCertificates.withBundle(bundle));
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
        return Locations.fromEnvironment(env);
    }

    public ProfileStore profiles() {
        return new ProfileStore(locations().configDir(), files);
    }

    /**
     * Where sessions live: the OS keychain where one answers (with files behind it for sessions written before),
     * else private files, saying why; the policy's {@code token_storage} can require either. Chosen once per process.
     */
    public TokenStore tokenStore() {
        if (tokenStore == null) {
            tokenStore = chooseTokenStore();
        }
        return tokenStore;
    }

    private TokenStore chooseTokenStore() {
        Path stateDir = locations().stateDir();
        Policy policy = policy();
        if (policy.tokenStorage() == TokenStorageRule.FILE) {
            return new FileTokenStore(stateDir, files, "token_storage = \"file\" in " + policy.origin());
        }
        KeychainProbe probe = probeKeychain();
        if (probe.keychain().isPresent()) {
            return new MigratingTokenStore(new KeychainTokenStore(probe.keychain().get()), new FileTokenStore(stateDir, files));
        }
        if (policy.tokenStorage() == TokenStorageRule.KEYCHAIN) {
            throw new CliauthException(Failure.REFUSED, policy.origin() + " requires token_storage = \"keychain\", but no keychain answers here ("
                    + probe.reason() + "); cliauth will not keep tokens in a file.");
        }
        return new FileTokenStore(stateDir, files, "no keychain: " + probe.reason());
    }

    private KeychainProbe probeKeychain() {
        String osName = System.getProperty("os.name", "");
        Optional<Path> secretTool = osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux") ? SecretToolKeychain.find(env) : Optional.empty();
        if (secretTool.isPresent()) {
            // libsecret's own tool: ~20 ms a call, against ~0.5 s to bring up a D-Bus client in this JVM
            return Keychains.probe(env, Duration.ofSeconds(5), osName, () -> new SecretToolKeychain(secretTool.get(), env, Duration.ofSeconds(10)));
        }
        return Keychains.probe(env, Duration.ofSeconds(5));
    }

    public Terminal terminal() {
        return line -> {
            err.println(line);
            err.flush();
        };
    }

    public Environment environment() {
        return new EnvironmentProbe(env, Files::exists, App::readSmallFile, System.getProperty("os.name", ""), consoleAttached).probe();
    }

    public Logout logout() {
        return new Logout(tokenStore(), locks(), new Discovery(http()), new Revocation(http()), terminal());
    }

    /** One per process, so that a lock taken early (cliauth token's fast path) is the one the full path takes again. */
    public ProfileLocks locks() {
        if (locks == null) {
            locks = new ProfileLocks(locations().stateDir(), files, clock, Sleeper.system(), Duration.ofSeconds(90));
        }
        return locks;
    }

    public TokenService tokenService() {
        return new TokenService(tokenStore(), new TokenClient(http(), clock), locks(), clock, Sleeper.system(), profiles(), workloadLogin());
    }

    /** Tokens from a workload's own identity (client credentials, token exchange, JWT bearer): CI and automation. */
    public WorkloadLogin workloadLogin() {
        return new WorkloadLogin(new Discovery(http()), http(), env, SecretFiles.system(), terminal(), clock);
    }

    public Policy policy() {
        return new PolicyFile(env, App::readPolicyFile).load();
    }

    public AuditLog auditLog(Policy policy) {
        return policy.auditLog().<AuditLog>map(path -> new JsonLinesAuditLog(path, clock, env.getOrDefault("USER", System.getProperty("user.name", "")),
                hostName(), warning -> {
                    err.println(warning);
                    err.flush();
                })).orElse(AuditLog.none());
    }

    public Login login() {
        Policy policy = policy();
        Sessions sessions = new Sessions(new IdTokenVerifier(http(), 60), clock);
        TokenClient tokenClient = new TokenClient(http(), clock);
        SystemBrowser browser = new SystemBrowser(env, System.getProperty("os.name", ""), SystemBrowser.processStarter());
        PkceLogin pkce = new PkceLogin(new Discovery(http()), tokenClient, new PushedAuthorization(http()), sessions, browser, terminal(), stdin());
        DeviceLogin device = new DeviceLogin(tokenClient, http(), sessions, browser, terminal(), clock, Sleeper.system(), hostName());
        return new Login(environment(), policy, new FlowPolicy(), new Discovery(http()), pkce, device, tokenStore(), locks(), profiles(),
                auditLog(policy), terminal());
    }

    /** Standard input, line by line (paste mode). */
    private LineSource stdin() {
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

    private static Optional<String> readPolicyFile(Path path) {
        try {
            return Optional.of(Files.readString(path));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot read policy file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> readSmallFile(Path path) {
        try {
            return Files.size(path) > 64 * 1024 ? Optional.empty() : Optional.of(Files.readString(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
