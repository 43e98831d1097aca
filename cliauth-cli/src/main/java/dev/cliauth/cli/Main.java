package dev.cliauth.cli;

import dev.cliauth.cli.fast.FastToken;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.net.EnvironmentProxySelector;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Entry point. {@link #run} is what tests call: environment, streams and clock are parameters. No picocli type appears
 * here: verifying this class would load it, and {@code cliauth token}'s fast path ({@link FastToken}) must not.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // HttpURLConnection silently re-sends a POST whose kept-alive connection was reset: a second redemption of
        // a code or a rotating refresh token would then fail with invalid_grant. One request, one answer.
        if (System.getProperty("sun.net.http.retryPost") == null) {
            System.setProperty("sun.net.http.retryPost", "false");
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as command-line tools read them; the JDK alone only reads its own properties.
        try {
            EnvironmentProxySelector proxies = new EnvironmentProxySelector(System.getenv());
            if (proxies.configured()) {
                java.net.ProxySelector.setDefault(proxies);
            }
        } catch (CliauthException e) {
            err.println("cliauth: " + e.getMessage());
            err.flush();
            System.exit(ExitCode.of(e.failure()));
        }
        App app = new App(System.getenv(), out, err, Clock.systemUTC(), System.console() != null);
        // cliauth token with a token still good to hand out, before picocli and the libraries load (~0.5 s saved)
        FastToken.Result result = new FastToken(System.getenv(), Clock.systemUTC(), System.getProperty("os.name", ""), app::locks)
                .run(args, System.out, () -> token(app, args));
        out.flush();
        err.flush();
        if (result.answered()) {
            // exit status 0 by returning: since JDK 21, System.exit looks up a System.Logger, and that service lookup
            // opens every jar on the class path (~20 ms); nothing here started a thread that would keep the JVM up
            return;
        }
        System.exit(result.exitCode());
    }

    /**
     * {@code cliauth token [--profile NAME]} that the fast path could not answer from the store (a refresh, an error
     * to explain): what {@code TokenCommand} does, called directly — its command line holds nothing more for picocli
     * to read, and building picocli's model of every command costs more than the refresh itself. Any other command
     * line, a profile name picocli would judge, goes to {@link #run}.
     */
    public static int token(App app, String... args) {
        Optional<String> name = FastToken.profileName(args);
        if (name.isEmpty() || !Profile.NAME_PATTERN.matcher(name.get()).matches()) {
            return run(app, args);
        }
        app.verbose(false); // CLIAUTH_VERBOSE=1 still turns it on, as for the full path
        try {
            return app.printToken(name.get());
        } catch (RuntimeException e) {
            return app.failed(e);
        }
    }

    /** Runs a command line in full (picocli): what tests call, with their own environment, streams and clock. */
    public static int run(App app, String... args) {
        return CommandLineRunner.run(app, args);
    }

}
