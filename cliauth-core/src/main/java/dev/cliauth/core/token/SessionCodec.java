package dev.cliauth.core.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.io.JsonObject;

import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A session as JSON: the one format every store keeps (a file's content, a keychain item's secret). */
public final class SessionCodec {
    private SessionCodec() {
    }

    /** The session as one line of JSON (no trailing newline). */
    public static String encode(Session session) {
        return JSONObjectUtils.toJSONString(toJson(session));
    }

    static Map<String, Object> toJson(Session s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1L);
        json.put("issuer", s.issuer().toString());
        json.put("client_id", s.clientId());
        json.put("token_endpoint", s.tokenEndpoint().toString());
        s.subject().ifPresent(v -> json.put("subject", v));
        s.username().ifPresent(v -> json.put("username", v));
        json.put("grant", s.grant());
        json.put("obtained_at", s.obtainedAt().getEpochSecond());
        s.refreshedAt().ifPresent(v -> json.put("refreshed_at", v.getEpochSecond()));
        s.ended().ifPresent(v -> json.put("ended", v));
        s.dpopKey().ifPresent(v -> json.put("dpop_jwk", v));
        TokenSet t = s.tokens();
        json.put("access_token", t.accessToken());
        json.put("token_type", t.tokenType());
        t.expiresAt().ifPresent(v -> json.put("expires_at", v.getEpochSecond()));
        t.refreshToken().ifPresent(v -> json.put("refresh_token", v));
        t.idToken().ifPresent(v -> json.put("id_token", v));
        t.scope().ifPresent(v -> json.put("scope", v));
        // tokens for other resources and scopes as flat fields ("derived.N.*"), so the fast path's reader takes them too
        int n = 0;
        for (Map.Entry<String, TokenSet> entry : s.derived().entrySet()) {
            String prefix = "derived." + n++ + ".";
            TokenSet d = entry.getValue();
            json.put(prefix + "key", entry.getKey());
            json.put(prefix + "access_token", d.accessToken());
            json.put(prefix + "token_type", d.tokenType());
            d.expiresAt().ifPresent(v -> json.put(prefix + "expires_at", v.getEpochSecond()));
            d.scope().ifPresent(v -> json.put(prefix + "scope", v));
        }
        return json;
    }

    private static Map<String, TokenSet> derived(JsonObject json) throws ParseException {
        Map<String, TokenSet> derived = new java.util.TreeMap<>();
        for (int n = 0; json.string("derived." + n + ".key").isPresent(); n++) {
            String prefix = "derived." + n + ".";
            derived.put(json.requiredString(prefix + "key"), new TokenSet(json.requiredString(prefix + "access_token"),
                    json.string(prefix + "token_type").orElse("Bearer"), json.number(prefix + "expires_at").map(Instant::ofEpochSecond),
                    java.util.Optional.empty(), java.util.Optional.empty(), json.string(prefix + "scope")));
        }
        return derived;
    }

    /**
     * @param source where the text came from, for the error message ("/home/me/.local/state/cliauth/sessions/x.json")
     */
    public static Session parse(String profile, String source, String text) {
        return parse(profile, source, text, JsonObject::parse);
    }

    /** @param reader how the text becomes JSON ({@link dev.cliauth.core.io.FlatJson#parse} on the fast path) */
    public static Session parse(String profile, String source, String text, JsonObject.Reader reader) {
        try {
            if (text == null) {
                throw new ParseException("it is empty", 0);
            }
            JsonObject json = reader.read(text);
            TokenSet tokens = new TokenSet(json.requiredString("access_token"), json.string("token_type").orElse("Bearer"),
                    json.number("expires_at").map(Instant::ofEpochSecond), json.string("refresh_token"),
                    json.string("id_token"), json.string("scope"));
            return new Session(profile, URI.create(json.requiredString("issuer")), json.requiredString("client_id"),
                    URI.create(json.requiredString("token_endpoint")), json.string("subject"), json.string("username"),
                    json.string("grant").orElse("unknown"), Instant.ofEpochSecond(json.number("obtained_at").orElse(0L)),
                    json.number("refreshed_at").map(Instant::ofEpochSecond), tokens, json.string("ended"), json.string("dpop_jwk"), derived(json));
        } catch (ParseException | IllegalArgumentException e) {
            // The message names the field, never a value: values here are secrets.
            throw new CliauthException(Failure.STORAGE, "The stored session " + source + " is unreadable (" + e.getMessage()
                    + "); run 'cliauth logout --profile " + profile + "' and log in again.", e);
        }
    }
}
