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
    private final boolean fallback;
    private final JsonObject.Reader json;

    public FileTokenStore(Path stateDir, PrivateFiles files) {
        this(stateDir, files, null);
    }

    /** @param note why sessions are in files, for people ("no keychain: DBUS_SESSION_BUS_ADDRESS is not set"), or null */
    public FileTokenStore(Path stateDir, PrivateFiles files, String note) {
        this(stateDir, files, note, false, JsonObject::parse);
    }

    /**
     * @param fallback whether files are used only because no keychain answered (not by anyone's choice): then the
     *                 plaintext refresh tokens are worth a word to the person ({@link #isFallback()})
     */
    public FileTokenStore(Path stateDir, PrivateFiles files, String note, boolean fallback) {
        this(stateDir, files, note, fallback, JsonObject::parse);
    }

    /** @param json how a session's text is read ({@link dev.cliauth.core.io.FlatJson#parse} on the fast path) */
    public FileTokenStore(Path stateDir, PrivateFiles files, String note, boolean fallback, JsonObject.Reader json) {
        this.dir = stateDir.resolve("sessions");
        this.files = files;
        this.note = note;
        this.fallback = fallback;
        this.json = json;
    }

    /** Whether these files stand in for a keychain that did not answer. */
    public boolean isFallback() {
        return fallback;
    }

    /**
     * When these files stand in for a keychain that did not answer, one line saying so — the first time for each
     * session file (a new login makes a new one), then nothing: a note recorded beside the session remembers it.
     */
    public Optional<String> fallbackNoticeOnce(Session session) {
        if (!fallback) {
            return Optional.empty();
        }
        Path marker = dir.resolve(Profile.checkName(session.profile()) + ".plaintext-noted");
        String stamp = session.obtainedAt().toString();
        if (files.read(marker).map(String::strip).filter(stamp::equals).isPresent()) {
            return Optional.empty();
        }
        files.write(marker, stamp + "\n");
        return Optional.of("cliauth: note: the session of profile " + session.profile() + " is kept in a plain file, " + file(session.profile())
                + ", because the keychain did not answer (" + note + "); set CLIAUTH_KEYCHAIN=required to make that an error.");
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
        files.delete(dir.resolve(Profile.checkName(profile) + ".plaintext-noted"));
        return files.delete(file(profile));
    }

    @Override
    public String describe(String profile) {
        return "file " + file(profile) + (note == null ? "" : " (" + note + ")");
    }

    /** In {@code <stateDir>/secrets/<profile>.<name>}, 0600 in a 0700 directory, as sessions are. */
    @Override
    public boolean saveSecret(String profile, String name, String value) {
        files.write(secretFile(profile, name), value + "\n");
        return true;
    }

    @Override
    public Optional<String> loadSecret(String profile, String name) {
        return files.read(secretFile(profile, name)).map(String::strip);
    }

    private Path secretFile(String profile, String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("secret name " + name);
        }
        return dir.resolveSibling("secrets").resolve(Profile.checkName(profile) + "." + name);
    }

    private Path file(String profile) {
        return dir.resolve(Profile.checkName(profile) + ".json");
    }
}
