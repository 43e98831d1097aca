package dev.cliauth.core.token.keychain;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link Keychain} that holds secrets larger than one item of the keychain under it ({@link Keychain#limit()}: the
 * Windows Credential Manager's 2560-byte blob, the macOS Keychain's reasonable size), as pieces. A secret that fits is
 * one item, as it always was. A larger one is stored as pieces {@code ACCOUNT#GEN.1} … {@code ACCOUNT#GEN.N} (a profile
 * name never contains {@code #}) and the item {@code ACCOUNT} itself holds the index
 * {@code cliauth-pieces:1 GEN N SHA-256}, which names them.
 *
 * <p>Writes are safe against a crash at any point, and a reader never puts together pieces of two writes. A write
 * (1) stores the pieces under a fresh random generation {@code GEN}, which no index names yet, so no reader looks at
 * them; (2) replaces the index, one item write, which switches readers from the old secret to the new one; (3) deletes
 * the previous generation's pieces. A crash before (2) leaves the old secret whole (and pieces nobody will read); after
 * it, the new one. A reader reads the index, then the pieces it names, and checks their number and SHA-256 against it:
 * a piece that is gone (a writer's step 3 came between) or different makes it start again from the index, three times
 * at most, after which it is a storage error, never a wrong secret.
 */
public final class ChunkedKeychain implements Keychain {
    static final String INDEX = "cliauth-pieces:1 ";
    private static final int READ_ATTEMPTS = 3;

    private final Keychain keychain;

    public ChunkedKeychain(Keychain keychain) {
        this.keychain = Objects.requireNonNull(keychain);
    }

    /** What the account's own item says when the secret is in pieces. */
    record Index(String generation, int count, String sha256) {
        static Optional<Index> parse(String item) {
            if (!item.startsWith(INDEX)) {
                return Optional.empty();
            }
            String[] fields = item.substring(INDEX.length()).split(" ");
            try {
                if (fields.length == 3 && fields[0].matches("[0-9a-f]{8,32}") && Integer.parseInt(fields[1]) > 0) {
                    return Optional.of(new Index(fields[0], Integer.parseInt(fields[1]), fields[2]));
                }
            } catch (NumberFormatException e) {
                // not an index of ours: fall through
            }
            return Optional.empty();
        }

        String encode() {
            return INDEX + generation + " " + count + " " + sha256;
        }

        String piece(String account, int number) {
            return account + "#" + generation + "." + number;
        }
    }

    @Override
    public Optional<String> get(String service, String account) {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Optional<String> item = keychain.get(service, account);
            Optional<Index> index = item.flatMap(Index::parse);
            if (index.isEmpty()) {
                return item;
            }
            Optional<String> whole = assemble(service, account, index.get());
            if (whole.isPresent()) {
                return whole;
            }
        }
        throw new CliauthException(Failure.STORAGE, "Cannot read keychain item " + service + "/" + account + " in the " + keychain.name()
                + ": it is stored in pieces, and they are incomplete or do not match their index; sign in again to store it anew, or set "
                + Keychains.SWITCH + "=off to keep sessions in files instead.");
    }

    /** The secret from the pieces {@code index} names, or empty when one is missing or they are not the secret it names. */
    private Optional<String> assemble(String service, String account, Index index) {
        StringBuilder whole = new StringBuilder();
        for (int number = 1; number <= index.count(); number++) {
            Optional<String> piece = keychain.get(service, index.piece(account, number));
            if (piece.isEmpty()) {
                return Optional.empty();
            }
            whole.append(piece.get());
        }
        String secret = whole.toString();
        return sha256(secret).equals(index.sha256()) ? Optional.of(secret) : Optional.empty();
    }

    @Override
    public void set(String service, String account, String secret) {
        Objects.requireNonNull(secret);
        Optional<Index> previous = currentIndex(service, account);
        Optional<SecretLimit> limit = keychain.limit();
        if (limit.isEmpty() || (limit.get().fits(secret) && Index.parse(secret).isEmpty())) {
            keychain.set(service, account, secret);
        } else {
            List<String> pieces = split(secret, limit.get());
            Index index = new Index(newGeneration(previous), pieces.size(), sha256(secret));
            int written = 0;
            try {
                for (; written < pieces.size(); written++) {
                    keychain.set(service, index.piece(account, written + 1), pieces.get(written));
                }
                keychain.set(service, account, index.encode());
            } catch (RuntimeException e) {
                // the index still names the previous secret: take back what was written of this one
                deletePieces(service, account, new Index(index.generation(), written, index.sha256()));
                throw e;
            }
        }
        previous.ifPresent(old -> deletePieces(service, account, old));
    }

    @Override
    public boolean delete(String service, String account) {
        Optional<Index> previous = currentIndex(service, account);
        boolean existed = keychain.delete(service, account); // first: from here on, readers find nothing
        previous.ifPresent(old -> deletePieces(service, account, old));
        return existed;
    }

    private Optional<Index> currentIndex(String service, String account) {
        return keychain.get(service, account).flatMap(Index::parse);
    }

    /** Best effort: a piece left behind is never read again (no index names its generation). */
    private void deletePieces(String service, String account, Index index) {
        for (int number = 1; number <= index.count(); number++) {
            try {
                keychain.delete(service, index.piece(account, number));
            } catch (RuntimeException ignored) {
                // an orphan piece: harmless, and the write or delete that left it has succeeded
            }
        }
    }

    /** {@code secret} in pieces that each fit {@code limit}, never cutting a character (or a surrogate pair) in two. */
    static List<String> split(String secret, SecretLimit limit) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int size = 0;
        for (int i = 0; i < secret.length(); ) {
            int codePoint = secret.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            int bytes = limit.size(secret.substring(i, next));
            if (size + bytes > limit.bytes()) {
                pieces.add(secret.substring(start, i));
                start = i;
                size = 0;
            }
            size += bytes;
            i = next;
        }
        pieces.add(secret.substring(start));
        return pieces;
    }

    private static String newGeneration(Optional<Index> previous) {
        String generation;
        do {
            generation = String.format("%016x", ThreadLocalRandom.current().nextLong());
        } while (previous.isPresent() && previous.get().generation().equals(generation));
        return generation;
    }

    static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** No limit: this keychain holds a secret of any size. */
    @Override
    public Optional<SecretLimit> limit() {
        return Optional.empty();
    }

    @Override
    public String name() {
        return keychain.name();
    }

    @Override
    public void close() {
        keychain.close();
    }

    @Override
    public String toString() {
        return "ChunkedKeychain[" + keychain + "]";
    }
}
