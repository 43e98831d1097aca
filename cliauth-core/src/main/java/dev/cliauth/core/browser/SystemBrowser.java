package dev.cliauth.core.browser;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The person's browser: {@code BROWSER} when set, run as a command with the URL as its single argument; else the
 * platform opener ({@code open}, {@code wslview}, {@code xdg-open}, {@code rundll32 url.dll}). No shell is involved,
 * so nothing in the URL is ever interpreted, and only {@code http(s)} URLs are opened.
 */
public final class SystemBrowser implements BrowserLauncher {

    /** Starts a command without waiting for it; returns whether it started. */
    public interface CommandStarter {
        boolean start(List<String> command);
    }

    private final Map<String, String> env;
    private final String osName;
    private final CommandStarter starter;

    public SystemBrowser(Map<String, String> env, String osName, CommandStarter starter) {
        this.env = Map.copyOf(env);
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.starter = starter;
    }

    /** The production starter: a detached process with no input and its output discarded. */
    public static CommandStarter processStarter() {
        return command -> {
            try {
                new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }

    @Override
    public boolean open(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return false;
        }
        List<String> command = new java.util.ArrayList<>(opener());
        command.add(url.toString());
        return starter.start(command);
    }

    /** The opener command; the URL is appended as one more argument. */
    private List<String> opener() {
        String browser = env.get("BROWSER");
        if (browser != null && !browser.isBlank()) {
            return List.of(browser);
        }
        if (osName.startsWith("mac")) {
            return List.of("open");
        }
        if (osName.startsWith("windows")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler");
        }
        if (env.containsKey("WSL_DISTRO_NAME") || env.containsKey("WSL_INTEROP")) {
            return List.of("wslview");
        }
        return List.of("xdg-open");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
