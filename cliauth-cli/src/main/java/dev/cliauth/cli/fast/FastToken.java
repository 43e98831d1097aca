package dev.cliauth.cli.fast;

import dev.cliauth.core.config.Locations;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.config.DefaultProfile;
import dev.cliauth.core.flow.token.TokenRule;
import dev.cliauth.core.flow.token.Want;
import dev.cliauth.core.io.FlatJson;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicySources;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.MigratingTokenStore;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.StoreChoice;
import dev.cliauth.core.token.TokenStore;
import dev.cliauth.core.token.keychain.KeychainTokenStore;
import dev.cliauth.core.token.keychain.SecretToolKeychain;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code cliauth token [--profile NAME]} answered before picocli, Nimbus, tomlj, java-keyring or an HTTP client
 * loads, when the stored token can be handed out as it is: it runs on every kubectl or git call, so start-up is its
 * speed. It gives the full path's answer or none, never another: each step is the full path's own code
 * ({@code App}, {@code TokenCommand}, {@code GetToken}) with {@link FlatJson} in place of Nimbus, and wherever the
 * full path would do more (refresh, log in, ask a keychain in-process, report an error) this answers nothing and
 * the full CLI runs as if this did not exist. Order:
 * <ol>
 *   <li>the arguments are exactly {@code token}, or {@code token} with one {@code --profile NAME}, {@code -p NAME}
 *       or {@code --profile=NAME};</li>
 *   <li>the profile name, the directories and the policy (the same {@link PolicySources}, administrator's files and
 *       the user's merged: most machines have none, and one that exists is read strictly as always) are valid (a CA
 *       bundle is read only for a request);</li>
 *   <li>the store is the one {@link StoreChoice} names, the rule the full path follows, where it can be opened without
 *       asking a keychain in-process: files, or the Secret Service through {@code secret-tool} with files behind it;
 *       any other keychain is left to the full path;</li>
 *   <li>the profile file and the session read as they would (no profile file: no answer);</li>
 *   <li>{@link TokenRule#decide} hands the session out — the full path's first step, so the policy's issuer list,
 *       the session's issuer and client, its binding and its freshness are judged by one rule. A workload profile is
 *       always left to the full path: its token is found only with its credential.</li>
 * </ol>
 * Any exception on the way means "no answer": the full path then gives the error, in its own words.
 *
 * <p>When the session needs a refresh, the full path would take the profile's lock and
 * read the store again under it. This takes that lock first, here: a call that arrives while another process
 * refreshes waits for it and is then answered from the store, as the full path would answer it, without starting
 * the full CLI (32 parallel calls on an expired token start one, not 32); the call that finds it still stale runs the
 * full path while holding the lock, which {@link ProfileLocks} lets it take again.
 */
public final class FastToken {
    /** The full path's keychain probe gives up after this long (and then uses files): give up no later. */
    static final Duration KEYCHAIN_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, String> env;
    private final Clock clock;
    private final String osName;
    private final Supplier<ProfileLocks> locks;
    private final PolicySources policies;

    /**
     * @param osName a value of {@code os.name}: which keychain this system has
     * @param locks  the profile locks the full path uses (the same instance, so that it can take a lock held here)
     */
    public FastToken(Map<String, String> env, Clock clock, String osName, Supplier<ProfileLocks> locks) {
        this(env, clock, osName, locks, PolicySources.administratorFiles());
    }

    /** @param administratorPolicies the administrator's policy files, as the full path's wiring is given them */
    public FastToken(Map<String, String> env, Clock clock, String osName, Supplier<ProfileLocks> locks, List<Path> administratorPolicies) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.osName = osName;
        this.locks = locks;
        this.policies = new PolicySources(administratorPolicies, this.env, PolicySources::readFromDisk);
    }

    /**
     * How a command line ended.
     *
     * @param answered whether the token was printed here (no thread started, nothing else loaded)
     * @param exitCode the exit status: 0 when answered here, else the full path's
     */
    public record Result(boolean answered, int exitCode) {
        static final Result ANSWERED = new Result(true, 0);
    }

    /**
     * Prints the token for {@code args} when it can be had without asking anyone; otherwise runs {@code fullPath}
     * (the whole CLI on the same arguments), perhaps holding the profile's lock, and gives its exit status.
     */
    public Result run(String[] args, PrintStream out, IntSupplier fullPath) {
        Optional<Asked> asked = parse(args);
        Optional<String> name = asked.flatMap(this::profileOf);
        if (name.isEmpty()) {
            return new Result(false, fullPath.getAsInt());
        }
        Want want = asked.get().want();
        Lookup first = lookup(name.get(), want);
        if (first.token().isPresent()) {
            print(first.token().get(), out);
            return Result.ANSWERED;
        }
        if (!first.continuesUnderLock()) {
            return new Result(false, fullPath.getAsInt());
        }
        boolean[] locked = {false};
        try {
            return locks.get().withLock(name.get(), () -> {
                locked[0] = true;
                Optional<String> again = lookup(name.get(), want).token();
                if (again.isPresent()) {
                    print(again.get(), out);
                    return Result.ANSWERED;
                }
                return new Result(false, fullPath.getAsInt());
            });
        } catch (RuntimeException e) {
            if (locked[0]) {
                throw e; // from the full path itself
            }
            return new Result(false, fullPath.getAsInt()); // no lock here: the full path tries, and explains
        }
    }

    /**
     * A command line the fast path reads: {@code token} with at most one profile option ({@code --profile NAME},
     * {@code -p NAME}, {@code --profile=NAME}), {@code --id-token}, and one {@code --resource URI} and/or
     * {@code --scope S}; anything else is the full path's.
     *
     * @param profile the profile named, if one is
     * @param want    the token asked for
     */
    public record Asked(Optional<String> profile, Want want) {
    }

    /** What {@code args} asks for, when the fast path can read it. */
    public static Optional<Asked> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("token")) {
            return Optional.empty();
        }
        String profile = null;
        String resource = null;
        String scope = null;
        boolean idToken = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--profile=") && profile == null) {
                profile = arg.substring("--profile=".length());
            } else if ((arg.equals("--profile") || arg.equals("-p")) && profile == null && i + 1 < args.length) {
                profile = args[++i];
            } else if (arg.equals("--resource") && resource == null && i + 1 < args.length) {
                resource = args[++i];
            } else if (arg.equals("--scope") && scope == null && i + 1 < args.length) {
                scope = args[++i];
            } else if (arg.equals("--id-token") && !idToken) {
                idToken = true;
            } else {
                return Optional.empty();
            }
        }
        if (idToken && (resource != null || scope != null) || resource != null && resource.isBlank() || scope != null && scope.isBlank()) {
            return Optional.empty(); // picocli's error, or the full path's
        }
        Want want = idToken ? Want.idToken() : new Want(Want.Kind.ACCESS, Optional.ofNullable(resource), Optional.ofNullable(scope), Optional.empty());
        return Optional.of(new Asked(Optional.ofNullable(profile), want));
    }

    /** The profile of a plain {@code token [--profile NAME]} (no other option), for the lean full path; empty otherwise. */
    public static Optional<Optional<String>> plainProfile(String[] args) {
        return parse(args).filter(asked -> asked.want().equals(Want.access())).map(Asked::profile);
    }

    /** The profile named, else the default one, as the full path resolves it; empty when that cannot be had here. */
    private Optional<String> profileOf(Asked asked) {
        try {
            return Optional.of(asked.profile().isPresent() ? asked.profile().get()
                    : DefaultProfile.resolve(env, Locations.fromEnvironment(env).configDir(), new PrivateFiles()));
        } catch (RuntimeException e) {
            return Optional.empty(); // the full path explains
        }
    }

    /** Prints what {@code TokenCommand} prints: the token and a newline, in UTF-8. */
    public static void print(String token, PrintStream out) {
        byte[] line = (token + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, line.length);
        out.flush();
    }

    /**
     * What the stored session is good for.
     *
     * @param token              the access token to hand out as it is
     * @param continuesUnderLock whether the full path would go on under the profile's lock (refresh, new token)
     */
    private record Lookup(Optional<String> token, boolean continuesUnderLock) {
        static final Lookup NOTHING = new Lookup(Optional.empty(), false);
    }

    private Lookup lookup(String name, Want want) {
        try {
            return storedSession(name, want);
        } catch (RuntimeException e) {
            return Lookup.NOTHING; // the full path runs into the same problem and explains it
        }
    }

    private Lookup storedSession(String name, Want want) {
        Profile.checkName(name);
        Locations locations = Locations.fromEnvironment(env);
        Policy policy = policies.load();
        PrivateFiles files = new PrivateFiles();
        Optional<TokenStore> store = store(policy, locations.stateDir(), files);
        if (store.isEmpty()) {
            return Lookup.NOTHING;
        }
        Optional<Profile> settings = new ProfileStore(locations.configDir(), files, FlatJson::parse).load(name);
        if (settings.isEmpty()) {
            return Lookup.NOTHING; // no profile, no token: the full path says so
        }
        TokenRule.Verdict verdict = TokenRule.decide(settings.get(), policy, store.get().load(name), clock.instant(), want, FlatJson::parse);
        if (verdict instanceof TokenRule.HandOut handOut) {
            return new Lookup(Optional.of(handOut.token().value()), false);
        }
        // a refresh goes on under the lock; a workload's token is read with its credential by the full path, which
        // takes the lock itself only when it has to ask the provider
        return new Lookup(Optional.empty(), verdict instanceof TokenRule.Refresh);
    }

    /** The store {@link StoreChoice} names, where it can be opened without asking a keychain in-process. */
    private Optional<TokenStore> store(Policy policy, Path stateDir, PrivateFiles files) {
        StoreChoice choice = StoreChoice.decide(policy, env, osName, SecretToolKeychain.find(env));
        TokenStore inFiles = new FileTokenStore(stateDir, files, null, false, FlatJson::parse);
        if (choice instanceof StoreChoice.Files inFilesChoice) {
            // files standing in for a keychain that does not answer: the full path says so once, so it answers
            return inFilesChoice.fallback() ? Optional.empty() : Optional.of(inFiles);
        }
        if (choice instanceof StoreChoice.SecretTool tool) {
            // The full path probes (a lookup of an item that never exists), then looks the session up. A secret-tool that
            // runs and answers in time is what makes that probe succeed, so the lookup alone gives the same answer; one that
            // cannot run or does not answer throws, and the full path decides. As there, an empty keychain means files.
            return Optional.of(new MigratingTokenStore(
                    new KeychainTokenStore(new SecretToolKeychain(tool.executable(), env, KEYCHAIN_TIMEOUT), FlatJson::parse), inFiles));
        }
        return Optional.empty(); // java-keyring's in-process client, or a refusal: the full path's business
    }
}
