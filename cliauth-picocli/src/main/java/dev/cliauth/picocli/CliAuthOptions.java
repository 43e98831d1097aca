package dev.cliauth.picocli;

import dev.cliauth.core.api.CliAuth;
import picocli.CommandLine.Option;

import java.util.Objects;
import java.util.Optional;

/**
 * A picocli mixin with the sign-in options of {@code cliauth login}: {@code --profile NAME}, {@code --device} and
 * {@code --no-browser}. The program keeps its own provider settings in a {@link CliAuth.Builder}; what the person
 * gave on the command line goes over them, and nothing else does:
 *
 * <pre>{@code
 * @Command(name = "whoami")
 * class Whoami implements Callable<Integer> {
 *     @Mixin
 *     CliAuthOptions signIn;
 *
 *     public Integer call() {
 *         CliAuth auth = signIn.build(CliAuth.builder().issuer(ISSUER).clientId("acme-cli").profile("acme"));
 *         System.out.println(auth.session().subject().orElse("?"));
 *         return 0;
 *     }
 * }
 * }</pre>
 *
 * <p>A bad {@code --profile} name fails in {@link #applyTo} with a {@link dev.cliauth.core.CliauthException} of kind
 * {@link dev.cliauth.core.Failure#CONFIGURATION}, like any bad setting of the builder.
 */
public final class CliAuthOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Sign-in profile: the session (and its settings) to use; keep several accounts apart with it.")
    String profile;

    @Option(names = "--device", description = "Sign in with the device flow (RFC 8628): enter a code in any browser. Only where policy allows it; "
            + "if the provider blocks it, the browser sign-in is used.")
    boolean device;

    @Option(names = "--no-browser", description = "Do not open a browser: print the sign-in URL to open yourself (on this or another machine).")
    boolean noBrowser;

    /**
     * The profile the person named with {@code --profile}.
     *
     * @return the name as given, or empty when the option was not used
     */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /**
     * Whether the person asked for the device flow.
     *
     * @return {@code true} when {@code --device} was given
     */
    public boolean device() {
        return device;
    }

    /**
     * Whether the person asked not to open a browser.
     *
     * @return {@code true} when {@code --no-browser} was given
     */
    public boolean noBrowser() {
        return noBrowser;
    }

    /**
     * Sets on {@code builder} what the person gave: the profile when {@code --profile} was used, the device flow when
     * {@code --device} was, no browser when {@code --no-browser} was. Options not used leave the builder's settings
     * as the program made them.
     *
     * @param builder the program's builder, with its issuer, client id and defaults
     * @return the same builder
     */
    public CliAuth.Builder applyTo(CliAuth.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        if (profile != null) {
            builder.profile(profile);
        }
        if (device) {
            builder.device(true);
        }
        if (noBrowser) {
            builder.openBrowser(false);
        }
        return builder;
    }

    /**
     * The program's {@link CliAuth}, with the person's options over its settings: {@code applyTo(builder).build()}.
     *
     * @param builder the program's builder, with its issuer, client id and defaults
     * @return a new {@link CliAuth}
     */
    public CliAuth build(CliAuth.Builder builder) {
        return applyTo(builder).build();
    }
}
