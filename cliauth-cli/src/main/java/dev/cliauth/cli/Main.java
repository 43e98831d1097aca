package dev.cliauth.cli;

import dev.cliauth.cli.fast.FastToken;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.net.EnvironmentProxySelector;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point. {@link #run} is what tests call: environment, streams and clock are parameters. No picocli type appears
 * here: verifying this class would load it, and {@code cliauth token}'s fast path ({@link FastToken}) must not.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        FastToken.Result result = serve(System.getenv(), args, System.out, out, err, System.console() != null);
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
     * What {@link #main} does, short of exiting: the process's environment and streams are parameters, so that the
     * class-data training ({@link dev.cliauth.cli.fast.ClassDataTraining}) walks these very call sites.
     *
     * @param stdout where {@code cliauth token}'s fast path writes the token (bytes, no writer in between)
     */
    public static FastToken.Result serve(Map<String, String> env, String[] args, PrintStream stdout, PrintWriter out, PrintWriter err,
                                         boolean console) {
        // HttpURLConnection silently re-sends a POST whose kept-alive connection was reset: a second redemption of
        // a code or a rotating refresh token would then fail with invalid_grant. One request, one answer.
        if (System.getProperty("sun.net.http.retryPost") == null) {
            System.setProperty("sun.net.http.retryPost", "false");
        }
        // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as command-line tools read them; the JDK alone only reads its own properties.
        try {
            EnvironmentProxySelector proxies = new EnvironmentProxySelector(env);
            if (proxies.configured()) {
                java.net.ProxySelector.setDefault(proxies);
            }
        } catch (CliauthException e) {
            err.println("cliauth: " + e.getMessage());
            err.flush();
            return new FastToken.Result(false, ExitCode.of(e.failure()));
        }
        App app = new App(env, out, err, Clock.systemUTC(), console);
        // cliauth token with a token still good to hand out, before picocli and the libraries load (~0.5 s saved)
        return new FastToken(env, Clock.systemUTC(), System.getProperty("os.name", ""), app::locks)
                .run(args, stdout, () -> token(app, args));
    }

    /**
     * {@code cliauth token [--profile NAME]} that the fast path could not answer from the store (a refresh, an error
     * to explain): what {@code TokenCommand} does, called directly — its command line holds nothing more for picocli
     * to read, and building picocli's model of every command costs more than the refresh itself. Any other command
     * line, a profile name picocli would judge, goes to {@link #run}.
     */
    public static int token(App app, String... args) {
        Optional<Optional<String>> plain = FastToken.plainProfile(args);
        if (plain.isEmpty() || plain.get().filter(name -> !Profile.NAME_PATTERN.matcher(name).matches()).isPresent()) {
            return run(app, args); // other options, or a profile name picocli would judge
        }
        app.verbose(false); // CLIAUTH_VERBOSE=1 still turns it on, as for the full path
        try {
            return app.printToken(plain.get().orElseGet(app::defaultProfile));
        } catch (RuntimeException e) {
            return app.failed(e);
        }
    }

    /** Runs a command line in full (picocli): what tests call, with their own environment, streams and clock. */
    public static int run(App app, String... args) {
        return CommandLineRunner.run(app, args);
    }

}
