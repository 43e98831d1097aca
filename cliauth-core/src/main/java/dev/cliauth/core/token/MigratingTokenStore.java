package dev.cliauth.core.token;

import java.util.Optional;

/**
 * The keychain, with the file store behind it: a session written to a file while no keychain answered (an SSH
 * login without a session bus, say) is still found, and moves into the keychain at its next save. Deleting removes
 * both, so a logout leaves nothing behind in either.
 */
public final class MigratingTokenStore implements TokenStore {
    private final TokenStore primary;
    private final TokenStore previous;

    public MigratingTokenStore(TokenStore primary, TokenStore previous) {
        this.primary = primary;
        this.previous = previous;
    }

    @Override
    public Optional<Session> load(String profile) {
        return primary.load(profile).or(() -> previous.load(profile));
    }

    @Override
    public void save(Session session) {
        primary.save(session);
        previous.delete(session.profile());
    }

    @Override
    public boolean delete(String profile) {
        boolean fromPrimary = primary.delete(profile);
        boolean fromPrevious = previous.delete(profile);
        return fromPrimary || fromPrevious;
    }

    @Override
    public String describe(String profile) {
        return primary.describe(profile);
    }

    @Override
    public boolean saveSecret(String profile, String name, String value) {
        return primary.saveSecret(profile, name, value);
    }

    @Override
    public Optional<String> loadSecret(String profile, String name) {
        return primary.loadSecret(profile, name).or(() -> previous.loadSecret(profile, name));
    }
}
