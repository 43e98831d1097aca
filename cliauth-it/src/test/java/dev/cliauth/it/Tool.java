package dev.cliauth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Another program (kubectl, git) run as a person's shell would, with the same environment {@link Cli} gives cliauth
 * for that home, so the cliauth these programs start finds the same profiles and sessions.
 */
final class Tool {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path workDir;

    Tool(Path home) {
        this.workDir = home;
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", Cli.sharedCache().toString());
        for (String name : List.of("JAVA_HOME", "CLIAUTH_DEV_IDP_PORT", "CLIAUTH_MAVEN_REPOSITORY")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
    }

    Tool with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Tool without(String name) {
        env.remove(name);
        return this;
    }

    String get(String name) {
        return env.get(name);
    }

    Result run(Duration timeout, String stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "; stderr:\n" + err.getNow(""));
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, task -> {
            Thread reader = new Thread(task, "tool-output"); // its own thread: the common pool may have just one
            reader.setDaemon(true);
            reader.start();
        });
    }
}
