package dev.cliauth.core.token.keychain;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds out whether this machine has a keychain that answers. In order: {@code CLIAUTH_KEYCHAIN=off} means no;
 * on Linux (and any system that is not macOS or Windows) no {@code DBUS_SESSION_BUS_ADDRESS}, or one naming a socket
 * that does not exist, means no, decided without loading any D-Bus code; otherwise the keychain is opened and asked
 * for an item that never exists, on a daemon thread, and it counts only if it answers within the timeout. A locked
 * keyring can show an unlock prompt and wait for a person indefinitely; a command-line tool must not hang on it.
 *
 * <p>A Secret Service that fails or hangs may leave java-keyring's D-Bus connection behind with a non-daemon thread
 * (the library gives no handle to close it): a process that probed should end with {@code System.exit}.
 */
public final class Keychains {
    /**
     * The environment variable that turns the keychain off ({@code off}), leaves the choice to the probe ({@code auto}),
     * or makes a missing keychain an error instead of a reason to keep sessions in files ({@code required}).
     */
    public static final String SWITCH = "CLIAUTH_KEYCHAIN";
    /** Not a valid profile name, so the probe's lookup can never find (or prompt for) a real session. */
    static final String PROBE_ACCOUNT = ".probe";
    private static final int MAX_REASON = 200;

    private Keychains() {
    }

    /** Which keychain an operating system has. */
    public enum Platform {
        SECRET_SERVICE("Secret Service"),
        MACOS("macOS Keychain"),
        WINDOWS("Windows Credential Manager");

        private final String keychainName;

        Platform(String keychainName) {
            this.keychainName = keychainName;
        }

        public String keychainName() {
            return keychainName;
        }
    }

    /** Opens a keychain; may block (an unlock prompt), may throw (no backend here). */
    @FunctionalInterface
    public interface Opener {
        Keychain open() throws Exception;
    }

    /** Probes this machine's keychain through java-keyring. */
    public static KeychainProbe probe(Map<String, String> env, Duration timeout) {
        String osName = System.getProperty("os.name", "");
        return probe(env, timeout, osName, () -> JavaKeyringKeychain.open(osName));
    }

    /**
     * @param osName a value of {@code os.name}
     * @param opener opens the keychain; called only when the environment allows one, on a daemon thread
     * @throws CliauthException (CONFIGURATION) when {@code CLIAUTH_KEYCHAIN} is neither {@code off} nor {@code auto}
     */
    public static KeychainProbe probe(Map<String, String> env, Duration timeout, String osName, Opener opener) {
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(opener);
        Optional<KeychainProbe> decided = decidedWithoutAsking(env, osName);
        if (decided.isPresent()) {
            return decided.get();
        }
        return ask(platform(osName).keychainName(), opener, timeout);
    }

    /**
     * The first steps of {@link #probe}, which look only at the environment: no keychain, and why, when
     * {@code CLIAUTH_KEYCHAIN} is off or (for the Secret Service) there is no session bus; empty when the keychain has
     * to be asked.
     *
     * @throws CliauthException (CONFIGURATION) when {@code CLIAUTH_KEYCHAIN} is not {@code off}, {@code auto} or {@code required}
     */
    public static Optional<KeychainProbe> decidedWithoutAsking(Map<String, String> env, String osName) {
        String setting = env.getOrDefault(SWITCH, "").trim();
        if (setting.equalsIgnoreCase("off")) {
            return Optional.of(KeychainProbe.absent(SWITCH + " is off"));
        }
        if (!setting.isEmpty() && !setting.equalsIgnoreCase("auto") && !setting.equalsIgnoreCase("required")) {
            throw new CliauthException(Failure.CONFIGURATION, SWITCH + " must be 'off', 'auto' or 'required', not '" + setting + "'.");
        }
        if (platform(osName) == Platform.SECRET_SERVICE) {
            String bus = env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").trim();
            if (bus.isEmpty()) {
                return Optional.of(KeychainProbe.absent("DBUS_SESSION_BUS_ADDRESS is not set"));
            }
            // A stale address (a terminal multiplexer outliving its login) would otherwise cost a second to fail.
            Optional<String> missing = missingSocket(bus);
            if (missing.isPresent()) {
                return Optional.of(KeychainProbe.absent("the session bus socket " + missing.get() + " in DBUS_SESSION_BUS_ADDRESS does not exist"));
            }
        }
        return Optional.empty();
    }

    private static KeychainProbe ask(String name, Opener opener, Duration timeout) {
        CompletableFuture<Keychain> answer = new CompletableFuture<>();
        Thread asker = new Thread(() -> {
            Keychain keychain = null;
            try {
                keychain = opener.open();
                keychain.get(KeychainTokenStore.SERVICE, PROBE_ACCOUNT);
                answer.complete(keychain);
            } catch (Throwable e) {
                if (keychain != null) {
                    closeQuietly(keychain);
                }
                answer.completeExceptionally(e);
            }
        }, "cliauth-keychain-probe");
        asker.setDaemon(true);
        asker.start();
        try {
            return KeychainProbe.found(answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            // If it answers after all, nobody will use it: let go of its connection.
            answer.thenAccept(Keychains::closeQuietly);
            return KeychainProbe.absent("the " + name + " did not answer within " + timeout.toMillis() + " ms (is the keyring locked?)");
        } catch (ExecutionException e) {
            String reason = oneLine(e.getCause());
            return KeychainProbe.absent("the " + name + " is not available" + (reason.isEmpty() ? "" : " (" + reason + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KeychainProbe.absent("interrupted while asking the " + name);
        }
    }

    /**
     * The socket a D-Bus address names, when every address in it is a {@code unix:path=} socket and none exists.
     * Empty when one exists or cannot be checked (abstract sockets, TCP...): then D-Bus itself has to try.
     */
    static Optional<String> missingSocket(String addresses) {
        String first = null;
        for (String address : addresses.split(";")) {
            if (!address.startsWith("unix:")) {
                return Optional.empty();
            }
            String path = null;
            for (String pair : address.substring("unix:".length()).split(",")) {
                if (pair.startsWith("path=")) {
                    path = unescape(pair.substring("path=".length()));
                }
            }
            try {
                if (path == null || Files.exists(Path.of(path))) {
                    return Optional.empty();
                }
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            first = first == null ? path : first;
        }
        return Optional.ofNullable(first);
    }

    /** Undoes the D-Bus address escaping: any byte may be written as {@code %XX}. */
    private static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length()) {
            if (value.charAt(i) == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 3;
            } else {
                int codePoint = value.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static Platform platform(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Platform.MACOS;
        }
        if (os.startsWith("windows")) {
            return Platform.WINDOWS;
        }
        return Platform.SECRET_SERVICE;
    }

    /** An exception's message and its root cause's, on one line, for a reason shown to people. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        if (root != e) {
            String rootText = Objects.toString(root.getMessage(), root.getClass().getSimpleName());
            text = text.contains(rootText) ? text : text + ": " + rootText;
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON - 1) + "…" : text;
    }

    private static void closeQuietly(Keychain keychain) {
        try {
            keychain.close();
        } catch (RuntimeException ignored) {
            // a connection nobody uses any more
        }
    }
}
