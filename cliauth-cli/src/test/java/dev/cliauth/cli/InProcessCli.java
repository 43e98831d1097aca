package dev.cliauth.cli;

import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI in-process through {@link Main#run} in a private HOME, with sessions put straight into its token store (a
 * fresh access token is handed out without any request, so no provider is needed).
 */
public final class InProcessCli {
    public record Outcome(int code, String out, String err) {
    }

    private final Path home;

    public InProcessCli(Path home) {
        this.home = home;
    }

    public Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
        env.putAll(extra);
        return env;
    }

    public App app(Map<String, String> extraEnv, StringWriter out, StringWriter err) {
        // no administrator's policy file: this machine's /etc/cliauth never decides a test
        return new App(env(extraEnv), new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC(), false, java.util.List.of());
    }

    public Outcome run(Map<String, String> extraEnv, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(app(extraEnv, out, err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    public Outcome run(String... args) {
        return run(Map.of(), args);
    }

    /** An ID token's shape (a JWT whose payload says {@code exp}), unsigned: the stored session's is read, not verified. */
    public static String idToken(Instant exp) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"https://id.example.com/realms/acme\",\"aud\":\"cli\",\"sub\":\"sub-1\",\"exp\":"
                + exp.getEpochSecond() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + payload + ".c2ln";
    }

    /**
     * Stores a live session for {@code profile} whose access token expires at {@code expiresAt} (when given), and the
     * profile's settings, as a login does.
     */
    public void signedIn(String profile, String accessToken, Optional<Instant> expiresAt) {
        signedIn(profile, accessToken, "Bearer", expiresAt);
    }

    /** As {@link #signedIn(String, String, Optional)}, with the given token type ({@code Bearer} or {@code DPoP}). */
    public void signedIn(String profile, String accessToken, String tokenType, Optional<Instant> expiresAt) {
        signedIn(profile, accessToken, tokenType, expiresAt, Optional.empty());
    }

    /** As above, with an ID token too. */
    public void signedIn(String profile, String accessToken, String tokenType, Optional<Instant> expiresAt, Optional<String> idToken) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TokenSet tokens = new TokenSet(accessToken, tokenType, expiresAt, Optional.empty(), idToken, Optional.empty());
        Session session = new Session(profile, URI.create("https://id.example.com/realms/acme"), "cli",
                URI.create("https://id.example.com/realms/acme/protocol/openid-connect/token"), Optional.of("sub-1"), Optional.of("demo"),
                "authorization_code+pkce", now, Optional.empty(), tokens);
        App app = app(Map.of(), new StringWriter(), new StringWriter());
        boolean dpop = tokenType.equalsIgnoreCase("DPoP");
        app.tokenStore().save(dpop ? session.withDpopKey(dev.cliauth.core.oauth.DpopKey.generate().toPrivateJwk()) : session);
        app.profiles().save(dev.cliauth.core.config.Profile.of(profile, session.issuer(), session.clientId()).withDpop(dpop));
    }
}
