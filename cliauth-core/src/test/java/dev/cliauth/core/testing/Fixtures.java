package dev.cliauth.core.testing;

import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.audit.AuthEvent;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.flow.device.DeviceLogin;
import dev.cliauth.core.policy.FlowPolicy;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.flow.resource.ResourceDiscovery;
import dev.cliauth.core.flow.resource.ResourceLogin;
import dev.cliauth.core.oauth.ClientRegistration;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.PushedAuthorization;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.WorkloadTokenCache;
import dev.cliauth.core.flow.refresh.Refresher;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.workload.SecretFiles;
import dev.cliauth.core.flow.workload.WorkloadLogin;
import dev.cliauth.core.flow.workload.WorkloadTokens;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Production objects wired against a {@link FakeProvider} and a temporary directory. */
public final class Fixtures {
    public final OAuthHttp http = new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(10));
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    /** Every line shown to the person, to take from as they appear. */
    public final BlockingQueue<String> printed = new LinkedBlockingQueue<>();
    public final Terminal terminal = line -> {
        lines.add(line);
        printed.add(line);
    };
    public final FileTokenStore tokens;
    public final ProfileStore profiles;
    public final Clock clock = Clock.systemUTC();

    private final Path dir;

    public Fixtures(Path dir) {
        this.dir = dir;
        PrivateFiles files = new PrivateFiles();
        this.tokens = new FileTokenStore(dir.resolve("state"), files);
        this.profiles = new ProfileStore(dir.resolve("config"), files);
    }

    /** What the person pastes into the terminal (paste mode); take from it in tests. */
    public final BlockingQueue<String> pasted = new LinkedBlockingQueue<>();
    public static final LoginFlags BROWSER = new LoginFlags(false, true);
    public final List<AuthEvent> audit = Collections.synchronizedList(new ArrayList<>());

    public PkceLogin pkce(BrowserLauncher browser) {
        LineSource stdin = () -> {
            try {
                String line = pasted.take();
                return line.equals(END_OF_INPUT) ? Optional.empty() : Optional.of(line);
            } catch (InterruptedException e) {
                return Optional.empty();
            }
        };
        return new PkceLogin(new Discovery(http), new TokenClient(http, clock), new PushedAuthorization(http), sessions(), browser, terminal, stdin);
    }

    /** A lock set of its own, as a separate process would have. */
    public ProfileLocks locks() {
        return new ProfileLocks(dir.resolve("state"), new PrivateFiles(), clock, Sleeper.system(), Duration.ofSeconds(30));
    }

    public Sessions sessions() {
        return new Sessions(new IdTokenVerifier(http, 60), clock);
    }

    public Login login(BrowserLauncher browser, Environment environment) {
        return login(browser, environment, Policy.defaults());
    }

    public Login login(BrowserLauncher browser, Environment environment, Policy policy) {
        DeviceLogin device = new DeviceLogin(new TokenClient(http, clock), http, sessions(), browser, terminal, clock,
                duration -> { }, "test-host");
        return new Login(environment, policy, new FlowPolicy(), new Discovery(http), pkce(browser), device, tokens, locks(), profiles,
                audit::add, terminal);
    }

    /** {@code login --resource} over this fixture's stores, with {@link #login(BrowserLauncher, Environment, Policy)} inside. */
    public ResourceLogin resourceLogin(BrowserLauncher browser, Environment environment, Policy policy) {
        return new ResourceLogin(environment, policy, new FlowPolicy(), new ResourceDiscovery(http, new Discovery(http)), new ClientRegistration(http),
                login(browser, environment, policy), profiles, tokens, audit::add, terminal);
    }

    /** The one token decision over this fixture's stores, at {@code clock}, under the default policy; waits go to {@code sleeper}. */
    public GetToken getToken(Clock clock, Sleeper sleeper) {
        return getToken(clock, sleeper, Policy.defaults());
    }

    /** The one token decision over this fixture's stores, at {@code clock}, under {@code policy}; waits go to {@code sleeper}. */
    public GetToken getToken(Clock clock, Sleeper sleeper, Policy policy) {
        WorkloadTokens workload = new WorkloadTokens(new WorkloadLogin(new Discovery(http), http, java.util.Map.of(), SecretFiles.system(), terminal, clock),
                WorkloadTokenCache.memory(), locks(), clock);
        return new GetToken(tokens, workload, new Refresher(new TokenClient(http, clock), clock, sleeper), locks(), policy, audit::add, clock);
    }

    /** What a caller that never signs anyone in gets for {@code profile} at {@code clock}. */
    public Session current(Clock clock, Profile profile) {
        return getToken(clock, duration -> { }).get(GetToken.Request.of(profile, "test"));
    }

    public static final String END_OF_INPUT = "\u0004";

    public static Environment laptop() {
        return new Environment(Optional.empty(), false, false, Optional.empty(), false, true, true, false, List.of("DISPLAY is set"));
    }

    public static Environment sshSession() {
        return new Environment(Optional.empty(), true, false, Optional.empty(), false, false, true, false, List.of("SSH_CONNECTION is set"));
    }

    /** Takes printed lines until one contains {@code text}; fails after 20 s. */
    public String awaitLine(String text) throws InterruptedException {
        while (true) {
            String line = printed.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("nothing printed containing '" + text + "'; printed so far: " + lines);
            }
            if (line.contains(text)) {
                return line;
            }
        }
    }

    public static Environment ciRunner() {
        return new Environment(Optional.of("GitHub Actions"), false, false, Optional.empty(), false, false, false, false, List.of("GITHUB_ACTIONS is set"));
    }

    public static Profile profile(FakeProvider provider) {
        return Profile.of("test", provider.issuer(), FakeProvider.CLIENT_ID).withLoginTimeout(Duration.ofSeconds(20));
    }
}
