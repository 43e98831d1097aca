package dev.cliauth.core.io;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed JSON object from one of cliauth's own files, with typed getters that say which field is wrong.
 * Parsing is Nimbus's ({@link #parse}), or {@link FlatJson}'s where loading Nimbus would cost too much.
 */
public record JsonObject(Map<String, Object> fields) {

    /** How a file's text becomes a {@code JsonObject}: {@code JsonObject::parse}, or {@code FlatJson::parse}. */
    @FunctionalInterface
    public interface Reader {
        JsonObject read(String text) throws ParseException;
    }

    public static JsonObject parse(String text) throws ParseException {
        return new JsonObject(JSONObjectUtils.parse(text));
    }

    public Optional<String> string(String name) throws ParseException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw new ParseException("field '" + name + "' is not a string", 0);
    }

    public String requiredString(String name) throws ParseException {
        return string(name).orElseThrow(() -> new ParseException("field '" + name + "' is missing", 0));
    }

    public Optional<Long> number(String name) throws ParseException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        throw new ParseException("field '" + name + "' is not a number", 0);
    }

    public Optional<Boolean> bool(String name) throws ParseException {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        throw new ParseException("field '" + name + "' is not true or false", 0);
    }
}
