package dev.cliauth.core.io;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the flat JSON objects cliauth writes itself (sessions, profiles) with the JDK alone: {@code cliauth token}'s
 * fast path cannot afford to load a JSON library (Nimbus' Gson costs more class loading than the rest of that path).
 *
 * <p>It reads a strict subset of what {@link JsonObject#parse} (Nimbus' Gson, strict mode) accepts, into the same
 * map: one object whose values are strings, integers in the range of {@code long}, {@code true}, {@code false} or
 * {@code null} (RFC 8259). Anything else is a {@link ParseException}, though {@link JsonObject#parse} may accept it —
 * nested objects and arrays, fractions and exponents, larger integers, a name given twice — so a caller that gets
 * one must not report the file as malformed but read it with {@link JsonObject#parse}.
 */
public final class FlatJson {
    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /** Reads {@code text}, which must be one flat object and nothing else but white space. */
    public static JsonObject parse(String text) throws ParseException {
        FlatJson reader = new FlatJson(text);
        Map<String, Object> fields = reader.object();
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.fail("text after the object");
        }
        return new JsonObject(fields);
    }

    private Map<String, Object> object() throws ParseException {
        skipSpace();
        expect('{');
        Map<String, Object> fields = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return fields;
        }
        while (true) {
            skipSpace();
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value();
            if (fields.containsKey(name)) {
                throw fail("a name given twice");
            }
            fields.put(name, value);
            skipSpace();
            char next = peek();
            at++;
            if (next == '}') {
                return fields;
            }
            if (next != ',') {
                throw fail("expected ',' or '}'");
            }
        }
    }

    private Object value() throws ParseException {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        for (String literal : new String[] {"true", "false", "null"}) {
            if (text.startsWith(literal, at)) {
                at += literal.length();
                return literal.equals("null") ? null : Boolean.valueOf(literal.equals("true"));
            }
        }
        throw fail("not a string, integer, true, false or null");
    }

    private Long integer() throws ParseException {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') {
                at++;
            }
        } else {
            throw fail("not a number");
        }
        if (peek() == '.' || peek() == 'e' || peek() == 'E') {
            throw fail("not an integer");
        }
        try {
            return Long.parseLong(text, start, at, 10);
        } catch (NumberFormatException e) {
            throw fail("an integer out of range");
        }
    }

    private String string() throws ParseException {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw fail("an unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw fail("a control character in a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = at < text.length() ? text.charAt(at++) : 0;
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(hex4());
                default -> throw fail("an invalid escape");
            }
        }
    }

    private char hex4() throws ParseException {
        if (at + 4 > text.length()) {
            throw fail("an invalid \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(at++);
            // ASCII only: Character.digit would also take other scripts' digits, which JSON does not
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw fail("an invalid \\u escape");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void expect(char c) throws ParseException {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        at++;
    }

    /** Names the place, never the text: the text is a secret. */
    private ParseException fail(String what) {
        return new ParseException("not a flat JSON object: " + what + " at offset " + at, at);
    }
}
