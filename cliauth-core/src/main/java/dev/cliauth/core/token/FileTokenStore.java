package dev.cliauth.core.token;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.io.PrivateFiles;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions as JSON files, {@code <stateDir>/sessions/<profile>.json}, 0600 in a 0700 directory, replaced atomically.
 */
public final class FileTokenStore implements TokenStore {
    private final Path dir;
    private final PrivateFiles files;

    public FileTokenStore(Path stateDir, PrivateFiles files) {
        this.dir = stateDir.resolve("sessions");
        this.files = files;
    }

    @Override
    public Optional<Session> load(String profile) {
        Path file = file(profile);
        return files.read(file).map(text -> parse(profile, file, text));
    }

    @Override
    public void save(Session session) {
        files.write(file(session.profile()), JSONObjectUtils.toJSONString(toJson(session)) + "\n");
    }

    @Override
    public boolean delete(String profile) {
        return files.delete(file(profile));
    }

    @Override
    public String describe(String profile) {
        return "file " + file(profile);
    }

    private Path file(String profile) {
        return dir.resolve(Profile.checkName(profile) + ".json");
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
        TokenSet t = s.tokens();
        json.put("access_token", t.accessToken());
        json.put("token_type", t.tokenType());
        t.expiresAt().ifPresent(v -> json.put("expires_at", v.getEpochSecond()));
        t.refreshToken().ifPresent(v -> json.put("refresh_token", v));
        t.idToken().ifPresent(v -> json.put("id_token", v));
        t.scope().ifPresent(v -> json.put("scope", v));
        return json;
    }

    static Session parse(String profile, Path file, String text) {
        try {
            JsonObject json = JsonObject.parse(text);
            TokenSet tokens = new TokenSet(json.requiredString("access_token"), json.string("token_type").orElse("Bearer"),
                    json.number("expires_at").map(Instant::ofEpochSecond), json.string("refresh_token"),
                    json.string("id_token"), json.string("scope"));
            return new Session(profile, URI.create(json.requiredString("issuer")), json.requiredString("client_id"),
                    URI.create(json.requiredString("token_endpoint")), json.string("subject"), json.string("username"),
                    json.string("grant").orElse("unknown"), Instant.ofEpochSecond(json.number("obtained_at").orElse(0L)),
                    json.number("refreshed_at").map(Instant::ofEpochSecond), tokens);
        } catch (ParseException | IllegalArgumentException e) {
            // The message names the field, never a value: values here are secrets.
            throw new CliauthException(Failure.STORAGE, "The stored session " + file + " is unreadable (" + e.getMessage()
                    + "); run 'cliauth logout --profile " + profile + "' and log in again.", e);
        }
    }
}
