package dev.cliauth.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cliauth git-credential} as real git's credential helper: {@code git credential fill}, and {@code git ls-remote}
 * from a loopback git server (real {@code git http-backend}) that accepts only the token.
 */
class GitIT {
    static String issuer;

    @TempDir
    static Path home;

    static Cli cli;

    @BeforeAll
    static void signIn() throws Exception {
        issuer = DevIdpServer.openIssuer();
        cli = new Cli(home);
        BrowserSignIn.signIn(cli, issuer, "gitp");
    }

    /** git with no system or user configuration, never prompting, and the same cliauth environment as {@link Cli}. */
    private static Tool git() {
        return new Tool(home).with("GIT_CONFIG_NOSYSTEM", "1").with("GIT_TERMINAL_PROMPT", "0");
    }

    private static String helper(String profile, String host) {
        return "!" + Cli.LAUNCHER + " git-credential --profile " + profile + " --host " + host;
    }

    @Test
    void gitCredentialFillGetsTheAccessTokenAsThePassword() throws Exception {
        Tool.Result fill = git().run(LOGIN_WAIT, "protocol=https\nhost=git.example.com\npath=acme/repo.git\n\n",
                "git", "-c", "credential.https://git.example.com.helper=" + helper("gitp", "git.example.com"), "credential", "fill");
        assertThat(fill.exitCode()).as(fill.stderr()).isZero();
        assertThat(fill.stdout().lines()).contains("protocol=https", "host=git.example.com", "username=oauth2",
                "password=" + BrowserSignIn.storedAccessToken(cli, "gitp"));
        assertThat(fill.stderr()).isEmpty();
    }

    @Test
    void lsRemoteFromAServerThatTakesOnlyTheToken() throws Exception {
        Path repositories = repositories("repositories");

        try (GitServerStandIn server = new GitServerStandIn(repositories, () -> token(cli, "gitp"))) {
            String remote = server.url("repo.git");
            // without a helper, git has nothing to answer the 401 with
            Tool.Result anonymous = git().run(LOGIN_WAIT, "", "git", "ls-remote", remote);
            assertThat(anonymous.exitCode()).isNotZero();
            // a wrong password is refused: the server checks the token
            Tool.Result wrong = git().run(LOGIN_WAIT, "", "git", "-c", "credential.helper=!f() { echo username=oauth2; echo password=wrong; }; f",
                    "ls-remote", remote);
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(server.attempts()).noneMatch(a -> a.map(GitServerStandIn.Attempt::tokenMatched).orElse(false));

            // with cliauth as the helper for this server only, as the README's one line configures it
            String scope = "credential." + remote.substring(0, remote.indexOf("/repo.git")) + ".helper=";
            String host = URI.create(remote).getAuthority();
            Tool.Result listed = git().run(LOGIN_WAIT, "", "git", "-c", scope + helper("gitp", host), "ls-remote", remote);
            assertThat(listed.exitCode()).as(listed.stderr()).isZero();
            assertThat(listed.stdout()).contains("\tHEAD").contains("\trefs/heads/main");
            assertThat(listed.stderr()).doesNotContain("cliauth:");
            assertThat(server.attempts()).contains(Optional.of(new GitServerStandIn.Attempt("oauth2", true)));
        }
    }

    /**
     * A helper configured for every host (credential.helper, no URL scope), as people do, meets a hostile remote: a
     * submodule's or a typo'd server. It gives that server nothing; the named host still gets the token.
     */
    @Test
    void aGlobalHelperGivesAHostileRemoteNothing() throws Exception {
        Path repositories = repositories("hostile-repositories");
        try (GitServerStandIn trusted = new GitServerStandIn(repositories, () -> token(cli, "gitp"));
             GitServerStandIn hostile = new GitServerStandIn(repositories, () -> token(cli, "gitp"))) {
            String trustedHost = URI.create(trusted.url("repo.git")).getAuthority();
            String global = "credential.helper=" + helper("gitp", trustedHost);

            Tool.Result stolen = git().run(LOGIN_WAIT, "", "git", "-c", global, "ls-remote", hostile.url("repo.git"));

            assertThat(stolen.exitCode()).isNotZero();
            assertThat(hostile.attempts()).noneMatch(a -> a.map(GitServerStandIn.Attempt::tokenMatched).orElse(false));
            assertThat(stolen.stderr()).contains("Not giving the token of profile gitp to " + URI.create(hostile.url("repo.git")).getAuthority());
            Tool.Result listed = git().run(LOGIN_WAIT, "", "git", "-c", global, "ls-remote", trusted.url("repo.git"));
            assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        }
    }

    /** git rejects a credential (the server said 401) with 'erase': the next fill gets a refreshed token, not the same one. */
    @Test
    void aTokenGitRejectedIsRefreshedBeforeItIsHandedOutAgain() throws Exception {
        String helper = "credential.https://git.example.com.helper=" + helper("gitp", "git.example.com");
        String before = BrowserSignIn.storedAccessToken(cli, "gitp");
        Tool.Result reject = git().run(LOGIN_WAIT, "protocol=https\nhost=git.example.com\nusername=oauth2\npassword=" + before + "\n\n",
                "git", "-c", helper, "credential", "reject");
        assertThat(reject.exitCode()).as(reject.stderr()).isZero();

        Tool.Result fill = git().run(LOGIN_WAIT, "protocol=https\nhost=git.example.com\n\n", "git", "-c", helper, "credential", "fill");

        assertThat(fill.exitCode()).as(fill.stderr()).isZero();
        String after = BrowserSignIn.storedAccessToken(cli, "gitp");
        assertThat(after).isNotEqualTo(before);
        assertThat(fill.stdout().lines()).contains("password=" + after).doesNotContain("password=" + before);
    }

    /** A directory with a bare repository repo.git holding one commit on main, for a git server stand-in to serve. */
    private Path repositories(String name) throws Exception {
        Path repositories = home.resolve(name);
        Tool setup = git();
        run(setup, "git", "init", "-q", "-b", "main", repositories.resolve("work").toString());
        run(setup, "git", "-C", repositories.resolve("work").toString(), "-c", "user.name=t", "-c", "user.email=t@example.com",
                "commit", "-q", "--allow-empty", "-m", "first");
        run(setup, "git", "clone", "-q", "--bare", repositories.resolve("work").toString(), repositories.resolve("repo.git").toString());
        return repositories;
    }

    private static void run(Tool tool, String... command) throws Exception {
        Tool.Result result = tool.run(LOGIN_WAIT, "", command);
        assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.stderr()).isZero();
    }

    private static String token(Cli cli, String profile) {
        try {
            return BrowserSignIn.storedAccessToken(cli, profile);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
