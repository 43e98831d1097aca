package dev.cliauth.cli.fast;

import dev.cliauth.cli.App;
import dev.cliauth.cli.Main;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.config.Workload;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.SessionCodec;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path answers only where the full CLI (picocli, App, TokenService: {@link Main#run}) gives the same answer
 * on the same files and environment, and falls through everywhere else; each case runs both where the full path
 * needs no network.
 */
class FastTokenAnswersOnlyAsTheFullPathWouldTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final URI ISSUER = URI.create("https://id.example.com/realms/acme");
    /** What the stand-in for the full path returns, to tell it from any real exit status. */
    static final int FULL_PATH = 99;

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final PrivateFiles files = new PrivateFiles();
    FileTokenStore sessions;
    ProfileStore profiles;

    record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void environment() throws IOException {
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        // an explicit, empty policy: the tests never depend on this machine's /etc/cliauth/policy.toml
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "");
        env.put("CLIAUTH_POLICY", policy.toString());
        sessions = new FileTokenStore(home.resolve("state/cliauth"), files);
        profiles = new ProfileStore(home.resolve("config/cliauth"), files);
    }

    /** The administrator's policy file both paths read (absent unless a test writes it). */
    private List<Path> administrator() {
        return List.of(home.resolve("etc-policy.toml"));
    }

    private App app(StringWriter out, StringWriter err) {
        return new App(env, new PrintWriter(out, true), new PrintWriter(err, true), clock, false, administrator());
    }

    /** A session and its profile, as a login leaves them. */
    private void signedIn(Session session) {
        sessions.save(session);
        profiles.save(Profile.of(session.profile(), session.issuer(), session.clientId()));
    }

    /** The token the fast path prints, when it answers; empty when it leaves the command line to the full path. */
    private Optional<String> fast(String... args) {
        App app = app(new StringWriter(), new StringWriter());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FastToken.Result result = new FastToken(env, clock, System.getProperty("os.name", ""), app::locks, administrator())
                .run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> FULL_PATH);
        if (!result.answered()) {
            assertThat(result.exitCode()).isEqualTo(FULL_PATH);
            assertThat(bytes.size()).isZero();
            return Optional.empty();
        }
        assertThat(result.exitCode()).isZero();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).endsWith(System.lineSeparator());
        return Optional.of(printed.substring(0, printed.length() - System.lineSeparator().length()));
    }

    private Outcome full(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(app(out, err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** What runs when the fast path does not answer: {@code TokenCommand}'s work without picocli, or picocli. */
    private Outcome afterFastPath(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.token(app(out, err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The fast path answers, and the full path prints the very same token. */
    private void bothAnswer(String token, String... args) {
        assertThat(fast(args)).contains(token);
        Outcome full = full(args);
        assertThat(full.code()).as(full.err()).isZero();
        assertThat(full.out()).isEqualTo(token + System.lineSeparator());
        assertThat(afterFastPath(args)).isEqualTo(full);
    }

    /**
     * The fast path stays out of it, the full path fails with this exit code, and what main() runs after the fast
     * path says exactly what the full path says.
     */
    private void fullFails(int code, String... args) {
        assertThat(fast(args)).isEmpty();
        Outcome full = full(args);
        assertThat(full.code()).isEqualTo(code);
        assertThat(afterFastPath(args)).isEqualTo(full);
    }

    private static Session session(String profile, String accessToken, Duration lifetime, Optional<String> refreshToken) {
        TokenSet tokens = new TokenSet(accessToken, "Bearer", Optional.of(NOW.plus(lifetime).minusSeconds(100)), refreshToken,
                Optional.empty(), Optional.of("openid"));
        return new Session(profile, ISSUER, "cli", URI.create("http://127.0.0.1:9/token"), Optional.of("sub"), Optional.of("alice"),
                "authorization_code+pkce", NOW.minusSeconds(100), Optional.empty(), tokens);
    }

    private static Session fresh(String profile, String accessToken) {
        return session(profile, accessToken, Duration.ofHours(1), Optional.of("rt"));
    }

    @Test
    void aFreshSessionIsAnsweredAsTheFullPathAnswersIt() {
        signedIn(fresh("default", "at-default"));
        bothAnswer("at-default", "token");
    }

    @Test
    void aFreshSessionWithItsProfileFileIsAnswered() {
        signedIn(fresh("work", "at-work"));
        bothAnswer("at-work", "token", "--profile", "work");
        bothAnswer("at-work", "token", "-p", "work");
        bothAnswer("at-work", "token", "--profile=work");
    }

    @Test
    void theFreshnessBoundaryIsTheFullPathsBoundary() {
        // 3600 s lifetime: margin 60 s; expires at NOW + 3500 s
        signedIn(fresh("edge", "at-edge"));
        clock = Clock.fixed(NOW.plusSeconds(3439), ZoneOffset.UTC);
        bothAnswer("at-edge", "token", "-p", "edge");
        clock = Clock.fixed(NOW.plusSeconds(3440), ZoneOffset.UTC);
        assertThat(fast("token", "-p", "edge")).isEmpty(); // the full path would refresh now
    }

    @Test
    void aStaleSessionIsLeftToTheFullPathToRefresh() {
        signedIn(session("old", "at-old", Duration.ofSeconds(50), Optional.of("rt")));
        assertThat(fast("token", "-p", "old")).isEmpty();
    }

    @Test
    void aStaleSessionIsRefreshedAfterTheFastPathAsTheFullPathRefreshesIt() throws IOException {
        List<String> forms = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpServer provider = ClassDataTraining.tokenEndpoint(form -> {
            forms.add(form);
            int n = forms.size();
            return "{\"access_token\":\"at-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-" + n + "\"}";
        });
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/token");
            Session stale = session("old", "at-old", Duration.ofSeconds(50), Optional.of("rt-0"));
            signedIn(new Session("old", ISSUER, "cli", endpoint, stale.subject(), stale.username(), stale.grant(), stale.obtainedAt(),
                    Optional.empty(), stale.tokens()));

            assertThat(fast("token", "-p", "old")).isEmpty();
            Outcome lean = afterFastPath("token", "-p", "old");
            assertThat(lean).isEqualTo(new Outcome(0, "at-1" + System.lineSeparator(), ""));
            assertThat(forms.get(0)).contains("grant_type=refresh_token", "refresh_token=rt-0");
            assertThat(sessions.load("old").orElseThrow().tokens().refreshToken()).contains("rt-1"); // the rotated one, stored

            clock = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC); // stale again: the full path refreshes with rt-1
            assertThat(full("token", "-p", "old")).isEqualTo(new Outcome(0, "at-2" + System.lineSeparator(), ""));
            assertThat(forms.get(1)).contains("refresh_token=rt-1");
        } finally {
            provider.stop(0);
        }
    }

    @Test
    void aStaleSessionWithoutRefreshTokenIsLeftToTheFullPathsMessage() {
        signedIn(session("old", "at-old", Duration.ofSeconds(50), Optional.empty()));
        fullFails(3, "token", "-p", "old");
    }

    @Test
    void anEndedSessionOrNoneIsLeftToTheFullPath() {
        signedIn(fresh("ended", "at-ended").endedBecause("revoked"));
        fullFails(3, "token", "-p", "ended");
        fullFails(3, "token", "-p", "nobody");
    }

    @Test
    void aWorkloadProfilesTokenIsNeverTakenFromTheSharedStore() {
        Workload workload = new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable("CI_SECRET"), false),
                Optional.empty(), Optional.empty(), Optional.empty());
        profiles.save(Profile.of("ci", ISSUER, "cli").withWorkload(workload));
        sessions.save(fresh("ci", "at-left-by-an-earlier-job"));
        // without the workload's secret no token at all, on either path: the caller must hold the identity
        fullFails(8, "token", "-p", "ci");
        assertThat(full("token", "-p", "ci").err()).contains("$CI_SECRET").doesNotContain("at-left-by-an-earlier-job");
    }

    @Test
    void aSessionForTheIssuerTheProfileNamedBeforeItWasReconfiguredIsNotHandedOut() {
        signedIn(fresh("work", "at-old-issuer"));
        profiles.save(Profile.of("work", URI.create("https://other.example.com/realms/b"), "cli"));
        fullFails(3, "token", "-p", "work");
        assertThat(full("token", "-p", "work").err()).contains("was made for " + ISSUER).contains("cliauth login --profile work");
        profiles.save(Profile.of("work", ISSUER, "another-client"));
        fullFails(3, "token", "-p", "work");
    }

    @Test
    void anIssuerTheAdministratorNoLongerAllowsIsRefusedWhateverAUsersPolicySays() throws IOException {
        signedIn(fresh("default", "at-default"));
        Files.writeString(administrator().get(0), "allowed_issuers = [\"https://only.example.com\"]\n");
        Files.writeString(Path.of(env.get("CLIAUTH_POLICY")), "allowed_issuers = [\"" + ISSUER + "\"]\n"); // cannot widen it
        fullFails(7, "token");
        assertThat(full("token").err()).contains("Issuer " + ISSUER + " is not allowed by policy " + administrator().get(0) + " (allowed_issuers)");
        env.put("CLIAUTH_POLICY", "/dev/null"); // nor can pointing elsewhere
        fullFails(7, "token");
    }

    @Test
    void aBearerSessionIsRefusedWhereThePolicyRequiresDpop() throws IOException {
        signedIn(fresh("default", "at-default"));
        Files.writeString(administrator().get(0), "require_dpop = true\n");
        fullFails(7, "token");
        assertThat(full("token").err()).contains("require_dpop").contains(administrator().get(0).toString());
    }

    @Test
    void theIdTokenIsAnsweredAsTheFullPathAnswersItAndRefreshedWhenItIsDue() {
        String idToken = dev.cliauth.cli.InProcessCli.idToken(NOW.plusSeconds(1800));
        Session base = fresh("work", "at-work");
        signedIn(new Session("work", ISSUER, "cli", base.tokenEndpoint(), base.subject(), base.username(), base.grant(), base.obtainedAt(),
                base.refreshedAt(), new TokenSet("at-work", "Bearer", base.tokens().expiresAt(), Optional.of("rt"), Optional.of(idToken), Optional.empty())));
        bothAnswer(idToken, "token", "-p", "work", "--id-token");
        clock = Clock.fixed(NOW.plusSeconds(1790), ZoneOffset.UTC); // the access token is still fresh, the ID token is not
        bothAnswer("at-work", "token", "-p", "work");
        assertThat(fast("token", "-p", "work", "--id-token")).isEmpty(); // the full path would refresh it
    }

    @Test
    void aTokenKeptForAResourceOrScopeIsAnsweredAsTheFullPathAnswersIt() {
        Session base = fresh("work", "at-work");
        TokenSet forApi = new TokenSet("at-for-api", "Bearer", Optional.of(NOW.plusSeconds(3000)), Optional.empty(), Optional.empty(), Optional.of("api"));
        signedIn(base.withDerived("https://api.example.com ", forApi, NOW.minusSeconds(100)));
        bothAnswer("at-for-api", "token", "-p", "work", "--resource", "https://api.example.com");
        bothAnswer("at-work", "token", "-p", "work");
        assertThat(fast("token", "-p", "work", "--resource", "https://other.example.com")).isEmpty(); // the full path asks for it
        assertThat(fast("token", "-p", "work", "--resource", "https://api.example.com", "--min-valid", "5m")).isEmpty();
    }

    @Test
    void theDefaultProfileIsTheOneUseChoseUnlessCliauthProfileSaysOtherwise() throws IOException {
        signedIn(fresh("work", "at-work"));
        signedIn(fresh("other", "at-other"));
        write(home.resolve("config/cliauth/default-profile"), "work\n");
        bothAnswer("at-work", "token");
        env.put("CLIAUTH_PROFILE", "other");
        bothAnswer("at-other", "token");
        env.put("CLIAUTH_PROFILE", "../bad");
        fullFails(8, "token");
    }

    @Test
    void aMalformedProfileOrSessionIsLeftToTheFullPathsError() throws IOException {
        signedIn(fresh("bad", "at-bad"));
        write(home.resolve("config/cliauth/profiles/bad.json"), "{\"issuer\":\"ftp://id.example.com\",\"client_id\":\"cli\"}");
        fullFails(8, "token", "-p", "bad");

        profiles.save(Profile.of("broken", ISSUER, "cli"));
        write(home.resolve("state/cliauth/sessions/broken.json"), "{\"access_token\":");
        fullFails(9, "token", "-p", "broken");
    }

    @Test
    void aSessionOutsideTheSmallReadersSubsetIsAnsweredByTheFullPath() throws IOException {
        profiles.save(Profile.of("extra", ISSUER, "cli"));
        String text = SessionCodec.encode(fresh("extra", "at-extra"));
        write(home.resolve("state/cliauth/sessions/extra.json"), text.replace("{\"version\":1,", "{\"version\":1,\"future\":{\"a\":[1.5]},"));
        assertThat(fast("token", "-p", "extra")).isEmpty();
        assertThat(full("token", "-p", "extra").out()).isEqualTo("at-extra" + System.lineSeparator());
    }

    @Test
    void aPolicyIsReadAsTheFullPathReadsIt() throws IOException {
        signedIn(fresh("default", "at-default"));
        Path policy = Path.of(env.get("CLIAUTH_POLICY"));

        Files.writeString(policy, "token_storage = \"file\"\n");
        bothAnswer("at-default", "token");

        Files.writeString(policy, "token_storage = \"keychain\"\n"); // and no keychain here: the full path refuses
        fullFails(7, "token");

        Files.writeString(policy, "token_storage = \"elsewhere\"\n");
        fullFails(8, "token");

        env.put("CLIAUTH_POLICY", home.resolve("missing.toml").toString());
        fullFails(8, "token");
    }

    @Test
    void theKeychainSwitchIsReadAsTheFullPathReadsIt() throws IOException {
        signedIn(fresh("default", "at-default"));
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + Files.createFile(home.resolve("bus")));
        env.put("CLIAUTH_KEYCHAIN", "off");
        bothAnswer("at-default", "token");
        env.put("CLIAUTH_KEYCHAIN", "sometimes");
        fullFails(8, "token");
    }

    @Test
    void theSecretServiceIsReadThroughSecretToolWithTheFileBehindIt() throws IOException {
        Path keychain = Files.createDirectories(home.resolve("keychain"));
        fakeSecretTool(keychain);
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + Files.createFile(home.resolve("bus")));

        Files.writeString(keychain.resolve("kc"), SessionCodec.encode(fresh("kc", "at-from-keychain")) + "\n");
        signedIn(fresh("kc", "at-from-an-older-file"));
        bothAnswer("at-from-keychain", "token", "-p", "kc");

        signedIn(fresh("filed", "at-from-file")); // written while no keychain answered: still found
        bothAnswer("at-from-file", "token", "-p", "filed");

        Files.writeString(keychain.resolve("garbled"), "not json");
        profiles.save(Profile.of("garbled", ISSUER, "cli"));
        fullFails(9, "token", "-p", "garbled");
    }

    @Test
    void aSessionBusWithoutSecretToolIsLeftToTheFullPath() throws IOException {
        signedIn(fresh("default", "at-default"));
        env.put("PATH", home.resolve("empty-bin").toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + Files.createFile(home.resolve("bus")));
        assertThat(fast("token")).isEmpty(); // java-keyring's D-Bus client is the full path's business
    }

    @Test
    void aCaBundleIsReadOnlyForARequestOnEitherPath() {
        signedIn(fresh("default", "at-default"));
        env.put("SSL_CERT_FILE", home.resolve("no-such-bundle.pem").toString());
        bothAnswer("at-default", "token");
    }

    @Test
    void withoutHomeOrXdgDirectoriesTheFullPathExplains() {
        env.remove("HOME");
        env.remove("XDG_CONFIG_HOME");
        env.remove("XDG_STATE_HOME");
        fullFails(8, "token");
    }

    @Test
    void anInvalidProfileNameIsLeftToTheFullPath() {
        fullFails(8, "token", "-p", "../etc");
        fullFails(8, "token", "--profile=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "status", "token --verbose", "token -v", "token --ca-file x.pem", "token -p", "token --profile",
            "token -p a --profile b", "token extra", "--profile default token", "token -pdefault", "token -p=default",
            "token --help", "TOKEN", "token --profile default --verbose"})
    void anyOtherCommandLineIsLeftToTheFullPath(String line) {
        signedIn(fresh("default", "at-default"));
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(fast(args)).isEmpty();
        assertThat(afterFastPath(args)).isEqualTo(full(args));
    }

    @Test
    void itPrintsTheTokenAndANewlineInUtf8AndNothingElse() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FastToken.print("at-é-日本", new PrintStream(bytes, true, StandardCharsets.ISO_8859_1));
        assertThat(bytes.toByteArray()).isEqualTo(("at-é-日本" + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }

    /** A secret-tool that serves {@code lookup service cliauth account NAME} from files, and nothing else. */
    private void fakeSecretTool(Path keychain) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path tool = bin.resolve("secret-tool");
        Files.writeString(tool, "#!/bin/sh\n"
                + "[ \"$1 $2 $3 $4\" = \"lookup service cliauth account\" ] || exit 2\n"
                + "[ -f '" + keychain + "/'\"$5\" ] || exit 1\n"
                + "exec cat '" + keychain + "/'\"$5\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        env.put("PATH", bin + ":/usr/bin:/bin");
    }

    private void write(Path file, String text) {
        files.write(file, text);
    }
}
