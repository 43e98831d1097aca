package dev.cliauth.core.flow;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.flow.pkce.PkceLogin;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;

/**
 * Interactive login for a profile. Order: refuse where no person can be there (a CI runner), before anything is sent
 * to the provider; run the browser login; then, and only then, store the session and save the profile, so a failed
 * login changes nothing on disk.
 */
public final class Login {
    private final Environment environment;
    private final PkceLogin pkce;
    private final TokenStore tokens;
    private final ProfileStore profiles;
    private final Terminal terminal;

    public Login(Environment environment, PkceLogin pkce, TokenStore tokens, ProfileStore profiles, Terminal terminal) {
        this.environment = environment;
        this.pkce = pkce;
        this.tokens = tokens;
        this.profiles = profiles;
        this.terminal = terminal;
    }

    public Session run(Profile profile) {
        if (environment.isCi()) {
            throw new CliauthException(Failure.REFUSED, "Interactive login is refused on a CI runner (" + environment.ciRunner().orElseThrow()
                    + " detected); use workload identity there. To run cliauth interactively, unset CI.");
        }
        Session session = pkce.login(profile, profile.openBrowser());
        tokens.save(session);
        profiles.save(profile);
        terminal.println("Signed in" + session.username().map(u -> " as " + u).orElse("") + " to " + session.issuer()
                + " (profile " + profile.name() + "; stored in " + tokens.describe(profile.name()) + ").");
        return session;
    }
}
