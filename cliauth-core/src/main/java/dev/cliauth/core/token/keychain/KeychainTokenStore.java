package dev.cliauth.core.token.keychain;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.SessionCodec;
import dev.cliauth.core.token.TokenStore;

import java.util.Objects;
import java.util.Optional;

/**
 * Sessions as keychain items: service {@code cliauth}, account the profile name, secret the session's JSON
 * ({@link SessionCodec}, the same format a session file holds). A session larger than one item holds on this platform
 * (an Entra ID session is several KB; the Windows Credential Manager holds 2560 bytes) is stored in pieces by
 * {@link ChunkedKeychain}, behind an index in that same item.
 */
public final class KeychainTokenStore implements TokenStore {
    /** The service every cliauth item is stored under. */
    public static final String SERVICE = "cliauth";

    private final Keychain keychain;
    private final JsonObject.Reader json;

    public KeychainTokenStore(Keychain keychain) {
        this(keychain, JsonObject::parse);
    }

    /** @param json how a session's text is read ({@link dev.cliauth.core.io.FlatJson#parse} on the fast path) */
    public KeychainTokenStore(Keychain keychain, JsonObject.Reader json) {
        this.keychain = new ChunkedKeychain(Objects.requireNonNull(keychain));
        this.json = Objects.requireNonNull(json);
    }

    @Override
    public Optional<Session> load(String profile) {
        return keychain.get(SERVICE, Profile.checkName(profile)).map(text -> SessionCodec.parse(profile, "keychain item " + item(profile), text, json));
    }

    @Override
    public void save(Session session) {
        keychain.set(SERVICE, Profile.checkName(session.profile()), SessionCodec.encode(session));
    }

    @Override
    public boolean delete(String profile) {
        return keychain.delete(SERVICE, Profile.checkName(profile));
    }

    @Override
    public String describe(String profile) {
        return "keychain (" + keychain.name() + ") item " + item(Profile.checkName(profile));
    }

    /** Item {@code cliauth}/{@code <profile>/<name>}: a profile name has no slash, so it is never a session's item. */
    @Override
    public boolean saveSecret(String profile, String name, String value) {
        keychain.set(SERVICE, Profile.checkName(profile) + "/" + name, value);
        return true;
    }

    @Override
    public Optional<String> loadSecret(String profile, String name) {
        return keychain.get(SERVICE, Profile.checkName(profile) + "/" + name);
    }

    private static String item(String profile) {
        return SERVICE + "/" + profile;
    }
}
