package dev.cliauth.it;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the built {@code bin/cliauth} as a separate process with an explicit environment: its own config and
 * state directories, no {@code CI} (CI sets {@code CI=true}, and cliauth rightly refuses interactive login there),
 * and the shared cache, so the dev IdP's Keycloak is downloaded and built once.
 */
final class Cli {
    static final Path ROOT = Path.of(System.getProperty("cliauth.root", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("bin/cliauth");

    private final Map<String, String> env = new HashMap<>();
    private boolean keepStdinOpen;
    private Path launcher = LAUNCHER;

    /** Runs another launcher of this repository (bin/example-cli) with the same environment. */
    Cli launcher(Path other) {
        launcher = other;
        return this;
    }

    /** Gives the next processes a standard input the test writes to ({@link Running#type}). */
    Cli withStdin() {
        keepStdinOpen = true;
        return this;
    }

    Cli(Path home) throws IOException {
        Files.createDirectories(home);
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", sharedCache().toString());
        copy("JAVA_HOME");
        copy("CLIAUTH_DEV_IDP_PORT");
        copy("CLIAUTH_MAVEN_REPOSITORY");
    }

    /** The user's cache, where the dev IdP's Keycloak lives; shared with {@code bin/cliauth demo}. */
    static Path sharedCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    private void copy(String name) {
        String value = System.getenv(name);
        if (value != null) {
            env.put(name, value);
        }
    }

    Cli with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli without(String name) {
        env.remove(name);
        return this;
    }

    Path stateDir() {
        return Path.of(env.get("XDG_STATE_HOME"), "cliauth");
    }

    Path configDir() {
        return Path.of(env.get("XDG_CONFIG_HOME"), "cliauth");
    }

    /** Runs to completion. */
    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        Running running = start(args);
        return running.await(timeout);
    }

    Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return start(command);
    }

    /**
     * Runs on a terminal, as a person at one would: util-linux script(1) gives the process a pseudo-terminal for its
     * standard input, output and error, and copies what it writes there (newlines as CR LF) to the Running's stdout.
     *
     * @param stderrFile where standard error goes instead, or null to leave it on the terminal
     */
    Running startOnATerminal(Path stderrFile, String... args) throws IOException {
        StringBuilder line = new StringBuilder("exec ").append(quoted(launcher.toString()));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        if (stderrFile != null) {
            line.append(" 2>").append(quoted(stderrFile.toString()));
        }
        return start(List.of("script", "--quiet", "--return", "--command", line.toString(), "/dev/null"));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private Running start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        if (!keepStdinOpen) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        return new Running(builder.start());
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** A started cliauth whose stderr is read line by line as it comes. */
    static final class Running {
        private final Process process;
        private final List<String> stderrLines = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder rawStderr = new StringBuilder();
        private final Thread stderrReader;
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder rawStdout = new StringBuilder();
        private final Thread stdoutReader;

        Running(Process process) {
            this.process = process;
            this.stderrReader = pump(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8), rawStderr, stderrLines::add);
            this.stdoutReader = pump(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), rawStdout,
                    line -> {
                        synchronized (stdout) {
                            stdout.append(line).append('\n');
                        }
                    });
        }

        /** Keeps every character in {@code raw}, and hands on lines as BufferedReader.readLine ends them (LF, CR or CR LF). */
        private static Thread pump(Reader reader, StringBuilder raw, java.util.function.Consumer<String> lines) {
            Thread thread = new Thread(() -> {
                StringBuilder line = new StringBuilder();
                boolean afterCr = false;
                char[] buffer = new char[8192];
                try (reader) {
                    int n;
                    while ((n = reader.read(buffer)) >= 0) {
                        synchronized (raw) {
                            raw.append(buffer, 0, n);
                        }
                        for (int i = 0; i < n; i++) {
                            char c = buffer[i];
                            if (c == '\n' && afterCr) {
                                afterCr = false;
                            } else if (c == '\n' || c == '\r') {
                                lines.accept(line.toString());
                                line.setLength(0);
                                afterCr = c == '\r';
                            } else {
                                afterCr = false;
                                line.append(c);
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                if (line.length() > 0) {
                    lines.accept(line.toString());
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        /** Everything written to standard error so far, exactly as written (carriage returns and escapes included). */
        String rawStderr() {
            synchronized (rawStderr) {
                return rawStderr.toString();
            }
        }

        /** Everything written to standard output, exactly as written; complete once {@link #await} returned. */
        String rawStdout() {
            synchronized (rawStdout) {
                return rawStdout.toString();
            }
        }

        /** Waits until a stderr line matches and returns the first group (or the match), or fails if the process ends first. */
        String awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (System.nanoTime() < deadline) {
                synchronized (stderrLines) {
                    for (; seen < stderrLines.size(); seen++) {
                        Matcher m = pattern.matcher(stderrLines.get(seen));
                        if (m.find()) {
                            return m.groupCount() > 0 ? m.group(1) : m.group();
                        }
                    }
                }
                if (!process.isAlive() && !stderrReader.isAlive()) {
                    throw new AssertionError("cliauth exited (" + process.exitValue() + ") before printing " + pattern + "; stderr:\n" + stderr());
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
            throw new AssertionError("no stderr line matched " + pattern + " within " + timeout + "; stderr:\n" + stderr());
        }

        Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cliauth did not finish within " + timeout + "; stderr:\n" + stderr());
            }
            stderrReader.join(5_000);
            stdoutReader.join(5_000);
            synchronized (stdout) {
                return new Result(process.exitValue(), stdout.toString(), stderr());
            }
        }

        /** Types a line into the process's standard input, as a person pasting would. */
        void type(String line) throws IOException {
            var in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        String stderr() {
            synchronized (stderrLines) {
                return String.join("\n", stderrLines);
            }
        }
    }
}
