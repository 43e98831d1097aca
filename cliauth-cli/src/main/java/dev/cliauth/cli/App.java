package dev.cliauth.cli;

import dev.cliauth.core.browser.SystemBrowser;
import dev.cliauth.core.config.Locations;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.env.EnvironmentProbe;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.flow.refresh.TokenService;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.TokenStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
    private final OAuthHttp http = OAuthHttp.defaults();

    public App(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, boolean consoleAttached) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.consoleAttached = consoleAttached;
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

    public TokenStore tokenStore() {
        return new FileTokenStore(locations().stateDir(), files);
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

    public TokenService tokenService() {
        return new TokenService(tokenStore(), new TokenClient(http, clock), clock);
    }

    public Login login() {
        PkceLogin pkce = new PkceLogin(new Discovery(http), new TokenClient(http, clock), new Sessions(new IdTokenVerifier(http, 60), clock),
                new SystemBrowser(env, System.getProperty("os.name", ""), SystemBrowser.processStarter()), terminal());
        return new Login(environment(), pkce, tokenStore(), profiles(), terminal());
    }

    private static Optional<String> readSmallFile(Path path) {
        try {
            return Files.size(path) > 64 * 1024 ? Optional.empty() : Optional.of(Files.readString(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
