package dev.cliauth.example;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.api.CliAuth;
import dev.cliauth.core.token.Session;
import dev.cliauth.picocli.CliAuthOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code example-cli}: a Java CLI that signs its user in with cliauth's library, as a program of your own would. It
 * uses only the public API ({@link CliAuth}, the {@link CliAuthOptions} mixin, {@link Session} and
 * {@link CliauthException}). Its provider is the dev IdP ({@code cliauth dev-idp start}) unless {@code EXAMPLE_ISSUER}
 * and {@code EXAMPLE_CLIENT_ID} say otherwise; a real program writes its own issuer and client id into {@link #main}.
 */
@Command(name = "example-cli", mixinStandardHelpOptions = true, version = ExampleCli.VERSION,
        description = "An example of a Java CLI that signs in with cliauth's library.")
public final class ExampleCli {
    /** The dev IdP's open realm and its public client: {@code cliauth dev-idp start}, then sign in as demo/demo. */
    static final String DEV_IDP_ISSUER = "http://127.0.0.1:8180/realms/open";
    static final String DEV_IDP_CLIENT_ID = "cliauth";
    static final String VERSION = "example-cli 0.1.0";

    private ExampleCli() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        URI issuer = URI.create(env.getOrDefault("EXAMPLE_ISSUER", DEV_IDP_ISSUER));
        String clientId = env.getOrDefault("EXAMPLE_CLIENT_ID", DEV_IDP_CLIENT_ID);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // The program's own settings; its profile name keeps its session apart from other programs' and cliauth's.
        int code = run(() -> CliAuth.builder().issuer(issuer).clientId(clientId).profile("example"), out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the program in this process.
     *
     * @param settings the program's {@link CliAuth} settings; tests give ones wired to their own provider and browser
     * @return the exit code
     */
    public static int run(Supplier<CliAuth.Builder> settings, PrintWriter out, PrintWriter err, String... args) {
        SignIn signIn = new SignIn(settings, err);
        CommandLine cli = new CommandLine(new ExampleCli())
                .addSubcommand(new Whoami(signIn, out))
                .addSubcommand(new Call(signIn, out, err))
                .addSubcommand(new Logout(signIn));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliauthException failure) {
                err.println("example-cli: " + failure.getMessage());
                // the typed failure says what kind of trouble it was; a program can act on it
                return switch (failure.failure()) {
                    case CONFIGURATION -> 2;
                    case REFUSED -> 3;
                    case CANCELLED -> 130;
                    default -> 1;
                };
            }
            err.println("example-cli: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    /** Builds the program's {@link CliAuth} with the person's options over its settings; messages go to stderr. */
    record SignIn(Supplier<CliAuth.Builder> settings, PrintWriter err) {
        CliAuth with(CliAuthOptions options) {
            return options.build(settings.get().terminal(line -> {
                err.println(line);
                err.flush();
            }));
        }
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, version = VERSION, description = "Sign in if needed, and show who you are.")
    static final class Whoami implements Callable<Integer> {
        private final SignIn signIn;
        private final PrintWriter out;

        @Mixin
        CliAuthOptions options;

        Whoami(SignIn signIn, PrintWriter out) {
            this.signIn = signIn;
            this.out = out;
        }

        @Override
        public Integer call() {
            Session session = signIn.with(options).session();
            out.println("subject:  " + session.subject().orElse("(none: the provider sent no ID token)"));
            out.println("username: " + session.username().orElse("(unknown)"));
            out.println("issuer:   " + session.issuer());
            out.println("expires:  " + session.tokens().expiresAt().map(Object::toString).orElse("(not said)"));
            out.flush();
            return 0;
        }
    }

    @Command(name = "call", mixinStandardHelpOptions = true, version = VERSION, description = "GET a URL with your access token; print the body.")
    static final class Call implements Callable<Integer> {
        private final SignIn signIn;
        private final PrintWriter out;
        private final PrintWriter err;

        @Mixin
        CliAuthOptions options;

        @Parameters(paramLabel = "URL", description = "The API to call.")
        URI url;

        Call(SignIn signIn, PrintWriter out, PrintWriter err) {
            this.signIn = signIn;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            String token = signIn.with(options).accessToken();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            out.print(response.body());
            out.flush();
            if (response.statusCode() / 100 != 2) {
                err.println("example-cli: " + url + " answered HTTP " + response.statusCode());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, version = VERSION, description = "Sign out: revoke the session at the provider and forget it here.")
    static final class Logout implements Callable<Integer> {
        private final SignIn signIn;

        @Mixin
        CliAuthOptions options;

        Logout(SignIn signIn) {
            this.signIn = signIn;
        }

        @Override
        public Integer call() {
            signIn.with(options).logout();
            return 0;
        }
    }
}
