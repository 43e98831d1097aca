package dev.cliauth.core.token;

import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyKey;
import dev.cliauth.core.policy.TokenStorageRule;
import dev.cliauth.core.token.keychain.KeychainProbe;
import dev.cliauth.core.token.keychain.Keychains;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where sessions are kept, decided from the policy and the environment without asking any keychain: the one rule
 * both the full path ({@code Wiring}) and {@code cliauth token}'s fast path follow. Order: the policy's
 * {@code token_storage = "file"} means files; no keychain can answer here ({@code CLIAUTH_KEYCHAIN=off}, no session
 * bus) means files, unless a keychain is required (the policy's {@code token_storage = "keychain"} or
 * {@code CLIAUTH_KEYCHAIN=required}): then nothing; on Linux with libsecret's {@code secret-tool}, that; otherwise the
 * platform keychain through java-keyring. Whoever opens a keychain choice still has to find it answering
 * ({@link #unanswered}).
 */
public sealed interface StoreChoice {

    /**
     * Private files; {@code note} says why, for {@code login} and {@code status}; {@code fallback} when a keychain
     * was expected and did not answer (a locked keyring, a stale session bus): then refresh tokens sit in a plain
     * file where the person thinks they are in the keychain, and {@code token} and the helpers say so once.
     */
    record Files(String note, boolean fallback) implements StoreChoice {
    }

    /** The Secret Service through {@code secret-tool} at this path, with files behind it for older sessions. */
    record SecretTool(Path executable, boolean required) implements StoreChoice {
    }

    /** The platform keychain through java-keyring, with files behind it. */
    record JavaKeyring(boolean required) implements StoreChoice {
    }

    /** A keychain that answered when asked: sessions go there, with files behind it for older sessions. */
    record Opened(dev.cliauth.core.token.keychain.Keychain keychain) implements StoreChoice {
    }

    /** No store may be used here: one line saying why and what to do. */
    record Refused(String message) implements StoreChoice {
    }

    /**
     * @param secretTool {@code secret-tool} on the {@code PATH}, if there is one
     * @throws dev.cliauth.core.CliauthException (CONFIGURATION) for a {@code CLIAUTH_KEYCHAIN} value it does not know
     */
    static StoreChoice decide(Policy policy, Map<String, String> env, String osName, Optional<Path> secretTool) {
        if (policy.tokenStorage() == TokenStorageRule.FILE) {
            return new Files("token_storage = \"file\" in " + policy.origin(PolicyKey.TOKEN_STORAGE), false);
        }
        boolean required = policy.tokenStorage() == TokenStorageRule.KEYCHAIN || keychainRequiredByUser(env);
        Optional<KeychainProbe> none = Keychains.decidedWithoutAsking(env, osName);
        if (none.isPresent()) {
            if (required) {
                return new Refused(requirement(policy, env) + ", but no keychain answers here (" + none.get().reason()
                        + "); cliauth will not keep tokens in a file.");
            }
            // a fallback worth a word: a keychain was expected here (a session bus is named) but cannot answer
            boolean chosen = env.getOrDefault(Keychains.SWITCH, "").trim().equalsIgnoreCase("off");
            boolean busNamed = !env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isBlank();
            return new Files("no keychain: " + none.get().reason(), !chosen && busNamed);
        }
        if (osName.toLowerCase(Locale.ROOT).startsWith("linux") && secretTool.isPresent()) {
            return new SecretTool(secretTool.get(), required);
        }
        return new JavaKeyring(required);
    }

    /** The choice after asking the keychain it names, which did not answer: files, or a refusal where one is required. */
    static StoreChoice unanswered(Policy policy, Map<String, String> env, boolean required, String reason) {
        if (required) {
            return new Refused(requirement(policy, env) + ", but no keychain answers here (" + reason + "); cliauth will not keep tokens in a file.");
        }
        return new Files("no keychain: " + reason, true);
    }

    private static boolean keychainRequiredByUser(Map<String, String> env) {
        return env.getOrDefault(Keychains.SWITCH, "").trim().equalsIgnoreCase("required");
    }

    private static String requirement(Policy policy, Map<String, String> env) {
        return policy.tokenStorage() == TokenStorageRule.KEYCHAIN
                ? policy.origin(PolicyKey.TOKEN_STORAGE) + " requires token_storage = \"keychain\""
                : Keychains.SWITCH + "=required";
    }
}
