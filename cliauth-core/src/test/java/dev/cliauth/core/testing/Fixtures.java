package dev.cliauth.core.testing;

import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.token.FileTokenStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Production objects wired against a {@link FakeProvider} and a temporary directory. */
public final class Fixtures {
    public final OAuthHttp http = new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(10));
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    public final Terminal terminal = lines::add;
    public final FileTokenStore tokens;
    public final ProfileStore profiles;
    public final Clock clock = Clock.systemUTC();

    public Fixtures(Path dir) {
        PrivateFiles files = new PrivateFiles();
        this.tokens = new FileTokenStore(dir.resolve("state"), files);
        this.profiles = new ProfileStore(dir.resolve("config"), files);
    }

    public PkceLogin pkce(BrowserLauncher browser) {
        return new PkceLogin(new Discovery(http), new TokenClient(http, clock), new Sessions(new IdTokenVerifier(http, 60), clock), browser, terminal);
    }

    public Login login(BrowserLauncher browser, Environment environment) {
        return new Login(environment, pkce(browser), tokens, profiles, terminal);
    }

    public static Environment laptop() {
        return new Environment(Optional.empty(), false, false, Optional.empty(), false, true, true, false, List.of("DISPLAY is set"));
    }

    public static Environment ciRunner() {
        return new Environment(Optional.of("GitHub Actions"), false, false, Optional.empty(), false, false, false, false, List.of("GITHUB_ACTIONS is set"));
    }

    public static Profile profile(FakeProvider provider) {
        return Profile.of("test", provider.issuer(), FakeProvider.CLIENT_ID).withLoginTimeout(Duration.ofSeconds(20));
    }
}
