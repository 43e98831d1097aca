package dev.cliauth.cli.fast;

import dev.cliauth.core.config.Locations;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.flow.refresh.CachedToken;
import dev.cliauth.core.io.FlatJson;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyFile;
import dev.cliauth.core.policy.TokenStorageRule;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.MigratingTokenStore;
import dev.cliauth.core.token.TokenStore;
import dev.cliauth.core.token.keychain.KeychainProbe;
import dev.cliauth.core.token.keychain.KeychainTokenStore;
import dev.cliauth.core.token.keychain.Keychains;
import dev.cliauth.core.token.keychain.SecretToolKeychain;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cliauth token [--profile NAME]} answered before picocli, Nimbus, tomlj, java-keyring or an HTTP client
 * loads, when the stored token can be handed out as it is: it runs on every kubectl or git call, so start-up is its
 * speed. It gives the full path's answer or none, never another: each step is the full path's own code
 * ({@code App}, {@code TokenCommand}, {@code TokenService}) with {@link FlatJson} in place of Nimbus, and wherever the
 * full path would do more (refresh, log in, ask a keychain in-process, report an error) this answers nothing and
 * the full CLI runs as if this did not exist. Order:
 * <ol>
 *   <li>the arguments are exactly {@code token}, or {@code token} with one {@code --profile NAME}, {@code -p NAME}
 *       or {@code --profile=NAME};</li>
 *   <li>the profile name, the directories and the policy (the same {@link PolicyFile}: most machines have none,
 *       and one that exists is read strictly as always) are valid (a CA bundle is read only for a request);</li>
 *   <li>the store is the one the full path would choose, found without asking a keychain: files when the policy
 *       says so or the environment rules a keychain out, or the Secret Service through {@code secret-tool} with
 *       files behind it; any other keychain is left to the full path;</li>
 *   <li>the profile file and the session read as they would;</li>
 *   <li>{@link CachedToken#handOut} gives a session.</li>
 * </ol>
 * Any exception on the way means "no answer": the full path then gives the error, in its own words.
 */
public final class FastToken {
    /** The full path's keychain probe gives up after this long (and then uses files): give up no later. */
    static final Duration KEYCHAIN_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, String> env;
    private final Clock clock;
    private final String osName;

    /** @param osName a value of {@code os.name}: which keychain this system has */
    public FastToken(Map<String, String> env, Clock clock, String osName) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.osName = osName;
    }

    /** The access token the full CLI would print for {@code args}, when it can be had without asking anyone. */
    public Optional<String> answer(String... args) {
        Optional<String> profile = profileName(args);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return storedToken(profile.get());
        } catch (RuntimeException e) {
            return Optional.empty(); // the full path runs into the same problem and explains it
        }
    }

    /** Prints what {@code TokenCommand} prints: the token and a newline, in UTF-8. */
    public static void print(String token, PrintStream out) {
        byte[] line = (token + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, line.length);
        out.flush();
    }

    /** The profile of {@code token [--profile NAME | -p NAME | --profile=NAME]}; empty for any other command line. */
    static Optional<String> profileName(String[] args) {
        if (args.length == 0 || !args[0].equals("token")) {
            return Optional.empty();
        }
        if (args.length == 1) {
            return Optional.of(Profile.DEFAULT_NAME);
        }
        if (args.length == 2 && args[1].startsWith("--profile=")) {
            return Optional.of(args[1].substring("--profile=".length()));
        }
        if (args.length == 3 && (args[1].equals("--profile") || args[1].equals("-p"))) {
            return Optional.of(args[2]);
        }
        return Optional.empty();
    }

    private Optional<String> storedToken(String name) {
        Profile.checkName(name);
        Locations locations = Locations.fromEnvironment(env);
        Policy policy = new PolicyFile(env).load();
        PrivateFiles files = new PrivateFiles();
        Optional<TokenStore> store = store(policy, locations.stateDir(), files);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        Optional<Profile> settings = new ProfileStore(locations.configDir(), files, FlatJson::parse).load(name);
        return CachedToken.handOut(settings, store.get().load(name), clock.instant()).map(session -> session.tokens().accessToken());
    }

    /** {@code App.chooseTokenStore}, stopping where it would ask a keychain other than through {@code secret-tool}. */
    private Optional<TokenStore> store(Policy policy, Path stateDir, PrivateFiles files) {
        TokenStore inFiles = new FileTokenStore(stateDir, files, null, FlatJson::parse);
        if (policy.tokenStorage() == TokenStorageRule.FILE) {
            return Optional.of(inFiles);
        }
        Optional<KeychainProbe> noKeychain = Keychains.decidedWithoutAsking(env, osName);
        if (noKeychain.isPresent()) {
            // files, unless the policy requires a keychain: then the full path refuses, and says so
            return policy.tokenStorage() == TokenStorageRule.KEYCHAIN ? Optional.empty() : Optional.of(inFiles);
        }
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        Optional<Path> secretTool = linux ? SecretToolKeychain.find(env) : Optional.empty();
        if (secretTool.isEmpty()) {
            return Optional.empty(); // java-keyring's in-process client: the full path's business
        }
        // The full path probes (a lookup of an item that never exists), then looks the session up. A secret-tool that
        // runs and answers in time is what makes that probe succeed, so the lookup alone gives the same answer; one that
        // cannot run or does not answer throws, and the full path decides. As there, an empty keychain means files.
        return Optional.of(new MigratingTokenStore(
                new KeychainTokenStore(new SecretToolKeychain(secretTool.get(), env, KEYCHAIN_TIMEOUT), FlatJson::parse), inFiles));
    }
}
