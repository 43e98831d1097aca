package dev.cliauth.core.policy;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.IssuerUrl;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings of one policy file, read strictly. An administrator's mistake must surface as an error naming the file,
 * the line and the setting: a typo'd key or an unexpected value silently replaced by a default would leave a machine
 * less restricted than its administrator believes.
 */
final class PolicyFileSettings {
    static final String DEVICE_FLOW = PolicyKey.DEVICE_FLOW.key();
    static final String ALLOWED_ISSUERS = PolicyKey.ALLOWED_ISSUERS.key();
    static final String AUDIT_LOG = PolicyKey.AUDIT_LOG.key();
    static final String TOKEN_STORAGE = PolicyKey.TOKEN_STORAGE.key();
    static final String REQUIRE_DPOP = PolicyKey.REQUIRE_DPOP.key();
    static final String DYNAMIC_REGISTRATION = PolicyKey.DYNAMIC_REGISTRATION.key();
    static final String ALLOWED_RESOURCES = PolicyKey.ALLOWED_RESOURCES.key();
    private static final List<String> KNOWN = Arrays.stream(PolicyKey.values()).map(PolicyKey::key).toList();
    /** Values quoted back in messages are cut here, so one stray multi-line string cannot flood the terminal. */
    private static final int MAX_QUOTED = 60;

    private final Path file;
    private final PolicyLayer.Authority authority;
    private final Map<String, String> env;

    PolicyFileSettings(Path file, PolicyLayer.Authority authority, Map<String, String> env) {
        this.file = file;
        this.authority = authority;
        this.env = env;
    }

    PolicyLayer parse(String text) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw fail(error.position(), sentence(error.getMessage()), true);
        }
        rejectUnknownKeys(toml);
        return new PolicyLayer(file, authority, choice(toml, DEVICE_FLOW, DeviceFlowRule.values(), DeviceFlowRule::value), allowedIssuers(toml),
                auditLog(toml), choice(toml, TOKEN_STORAGE, TokenStorageRule.values(), TokenStorageRule::value), requireDpop(toml),
                choice(toml, DYNAMIC_REGISTRATION, DynamicRegistrationRule.values(), DynamicRegistrationRule::value), allowedResources(toml));
    }

    /** A setting whose value is one of {@code rules}, each written as {@code value} gives it; anything else is an error. */
    private <T> Optional<T> choice(TomlTable toml, String key, T[] rules, java.util.function.Function<T, String> value) {
        Object found = toml.get(List.of(key));
        if (found == null) {
            return Optional.empty();
        }
        for (T rule : rules) {
            if (value.apply(rule).equals(found)) {
                return Optional.of(rule);
            }
        }
        String allowed = Arrays.stream(rules).map(value).collect(Collectors.joining(", "));
        throw fail(toml.inputPositionOf(List.of(key)), key + " must be one of " + allowed + " (found " + describe(found) + ").", false);
    }

    private void rejectUnknownKeys(TomlTable toml) {
        Optional<String> unknown = toml.keySet().stream()
                .filter(key -> !KNOWN.contains(key))
                .min(Comparator.comparingInt((String key) -> toml.inputPositionOf(List.of(key)).line()));
        if (unknown.isPresent()) {
            String key = unknown.get();
            throw fail(toml.inputPositionOf(List.of(key)),
                    "unknown setting " + quote(key) + " (known settings: " + String.join(", ", KNOWN) + ").", false);
        }
    }

    private Optional<Boolean> requireDpop(TomlTable toml) {
        Object value = toml.get(List.of(REQUIRE_DPOP));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw fail(toml.inputPositionOf(List.of(REQUIRE_DPOP)), REQUIRE_DPOP + " must be true or false (found " + describe(value) + ").", false);
        }
        return Optional.of(b);
    }

    private Optional<List<String>> allowedIssuers(TomlTable toml) {
        Object value = toml.get(List.of(ALLOWED_ISSUERS));
        if (value == null) {
            return Optional.empty();
        }
        TomlPosition at = toml.inputPositionOf(List.of(ALLOWED_ISSUERS));
        if (!(value instanceof TomlArray array)) {
            throw fail(at, ALLOWED_ISSUERS + " must be an array of issuer URLs, like [\"https://login.example.com\"] (found "
                    + describe(value) + ").", false);
        }
        // An administrator who wrote [] may have meant "none" or "any": refuse to guess.
        if (array.isEmpty()) {
            throw fail(at, ALLOWED_ISSUERS + " is empty; list at least one issuer, or remove the setting to allow any issuer.", false);
        }
        // Errors in entries name the setting's line: tomlj places an entry at the end of the token before it.
        List<String> issuers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.get(i);
            if (!(entry instanceof String issuer)) {
                throw fail(at, ALLOWED_ISSUERS + " must contain only issuer URLs as strings (found " + describe(entry) + ").", false);
            }
            if (!issuer.equals(issuer.strip())) {
                throw fail(at, ALLOWED_ISSUERS + " entry " + quote(issuer) + " has spaces around it; issuers are compared exactly.", false);
            }
            try {
                IssuerUrl.parse(issuer);
            } catch (CliauthException | IllegalArgumentException e) {
                throw fail(at, ALLOWED_ISSUERS + ": " + sentence(e.getMessage()), false);
            }
            issuers.add(issuer); // as written: OpenID Connect compares issuers as exact strings
        }
        return Optional.of(issuers);
    }

    private Optional<List<ResourcePrefix>> allowedResources(TomlTable toml) {
        Object value = toml.get(List.of(ALLOWED_RESOURCES));
        if (value == null) {
            return Optional.empty();
        }
        TomlPosition at = toml.inputPositionOf(List.of(ALLOWED_RESOURCES));
        if (!(value instanceof TomlArray array)) {
            throw fail(at, ALLOWED_RESOURCES + " must be an array of URLs, like [\"https://api.example.com/\"] (found " + describe(value) + ").", false);
        }
        if (array.isEmpty()) { // "none" or "any"? refuse to guess
            throw fail(at, ALLOWED_RESOURCES + " is empty; list at least one URL, or remove the setting to allow any resource.", false);
        }
        List<ResourcePrefix> prefixes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.get(i);
            if (!(entry instanceof String text) || !text.equals(text.strip())) {
                throw fail(at, ALLOWED_RESOURCES + " must contain only URLs as strings without spaces around them (found " + describe(entry) + ").", false);
            }
            try {
                prefixes.add(new ResourcePrefix(text));
            } catch (CliauthException | IllegalArgumentException e) {
                throw fail(at, ALLOWED_RESOURCES + ": " + sentence(e.getMessage()), false);
            }
        }
        return Optional.of(prefixes);
    }

    private Optional<Path> auditLog(TomlTable toml) {
        Object value = toml.get(List.of(AUDIT_LOG));
        if (value == null) {
            return Optional.empty();
        }
        TomlPosition at = toml.inputPositionOf(List.of(AUDIT_LOG));
        String mustBe = AUDIT_LOG + " must be an absolute path, like \"/var/log/cliauth/audit.jsonl\" or \"~/.local/state/cliauth/audit.jsonl\"";
        if (!(value instanceof String text)) {
            throw fail(at, mustBe + " (found " + describe(value) + ").", false);
        }
        String expanded = text;
        if (text.startsWith("~/")) {
            String home = env.get("HOME");
            if (home == null || home.isBlank()) {
                throw fail(at, AUDIT_LOG + " starts with ~/ but HOME is not set (found " + describe(value) + ").", false);
            }
            expanded = home + text.substring(1);
        }
        try {
            Path path = Path.of(expanded);
            if (!path.isAbsolute()) {
                throw fail(at, mustBe + " (found " + describe(value) + ").", false);
            }
            return Optional.of(path);
        } catch (InvalidPathException e) {
            throw fail(at, AUDIT_LOG + " is not a valid path (found " + describe(value) + ").", false);
        }
    }

    private CliauthException fail(TomlPosition at, String problem, boolean withColumn) {
        String where = at == null ? "" : "line " + at.line() + (withColumn ? ", column " + at.column() : "") + ": ";
        return new CliauthException(Failure.CONFIGURATION, "Policy file " + file + ": " + where + problem);
    }

    /** A TOML value as a person would recognise it from the file. */
    private static String describe(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        return oneLine(String.valueOf(value));
    }

    private static String quote(String s) {
        String shown = s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "…" : s;
        return "\"" + Toml.tomlEscape(shown) + "\"";
    }

    private static String sentence(String message) {
        String line = oneLine(message);
        return line.endsWith(".") ? line : line + ".";
    }

    /** Messages are one line: a newline inside one would let a file's content forge extra output lines. */
    static String oneLine(String message) {
        return message.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
