package dev.cliauth.core.token;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.io.PrivateFiles;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Sessions as JSON files, {@code <stateDir>/sessions/<profile>.json}, 0600 in a 0700 directory, replaced atomically.
 */
public final class FileTokenStore implements TokenStore {
    private final Path dir;
    private final PrivateFiles files;
    private final String note;
    private final JsonObject.Reader json;

    public FileTokenStore(Path stateDir, PrivateFiles files) {
        this(stateDir, files, null);
    }

    /** @param note why sessions are in files, for people ("no keychain: DBUS_SESSION_BUS_ADDRESS is not set"), or null */
    public FileTokenStore(Path stateDir, PrivateFiles files, String note) {
        this(stateDir, files, note, JsonObject::parse);
    }

    /** @param json how a session's text is read ({@link dev.cliauth.core.io.FlatJson#parse} on the fast path) */
    public FileTokenStore(Path stateDir, PrivateFiles files, String note, JsonObject.Reader json) {
        this.dir = stateDir.resolve("sessions");
        this.files = files;
        this.note = note;
        this.json = json;
    }

    @Override
    public Optional<Session> load(String profile) {
        Path file = file(profile);
        return files.read(file).map(text -> SessionCodec.parse(profile, file.toString(), text, json));
    }

    @Override
    public void save(Session session) {
        files.write(file(session.profile()), SessionCodec.encode(session) + "\n");
    }

    @Override
    public boolean delete(String profile) {
        return files.delete(file(profile));
    }

    @Override
    public String describe(String profile) {
        return "file " + file(profile) + (note == null ? "" : " (" + note + ")");
    }

    private Path file(String profile) {
        return dir.resolve(Profile.checkName(profile) + ".json");
    }
}
