package dev.cliauth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code cliauth version} reports: this build (version, git commit, build date, from the {@code version.properties}
 * the build filters) and the Java runtime it runs on. A build without git (a source tarball) has no commit: "unknown".
 *
 * @param version the project version
 * @param commit  the full git commit id, or {@value #UNKNOWN}
 * @param dirty   whether the working tree had uncommitted changes when it was built
 * @param built   when it was built, ISO-8601 UTC, or {@value #UNKNOWN}
 * @param java    the running Java: version, vendor and home directory
 */
public record BuildInfo(String version, String commit, boolean dirty, String built, Runtime java) {
    public static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "version.properties";

    /** @param version {@code java.runtime.version}; vendor {@code java.vendor}; home {@code java.home} */
    public record Runtime(String version, String vendor, String home) {
        static Runtime current() {
            return new Runtime(System.getProperty("java.runtime.version", System.getProperty("java.version", UNKNOWN)),
                    System.getProperty("java.vendor", UNKNOWN), System.getProperty("java.home", UNKNOWN));
        }
    }

    /** This build, running on this JVM. */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(properties, Runtime.current());
    }

    /** From the build's properties; a value the build left unfilled ({@code ${...}}) or did not write is unknown. */
    static BuildInfo of(Properties properties, Runtime java) {
        return new BuildInfo(value(properties, "version"), value(properties, "commit"), "true".equals(value(properties, "dirty")),
                value(properties, "built"), java);
    }

    private static String value(Properties properties, String name) {
        String value = properties.getProperty(name, "").trim();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }

    /** The lines of {@code cliauth --version}: the first is {@code cliauth VERSION}, as help2man expects. */
    public String[] lines() {
        return new String[] {
                "cliauth " + version,
                "commit:  " + commit + (dirty ? " (with uncommitted changes)" : ""),
                "built:   " + built,
                "java:    " + java.version() + " (" + java.vendor() + "), " + java.home()};
    }

    /** The fields of {@code cliauth version --json}. */
    public Map<String, Object> fields() {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("version", java.version());
        runtime.put("vendor", java.vendor());
        runtime.put("home", java.home());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", version);
        fields.put("commit", commit);
        fields.put("dirty", dirty);
        fields.put("built", built);
        fields.put("java", runtime);
        return fields;
    }
}
