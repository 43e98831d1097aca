package dev.cliauth.core.token;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.PrivateFiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Workload tokens as private files, {@code <stateDir>/workload/<profile>.<id>.jwe}, each a JWE (RFC 7516, {@code dir}
 * with A256GCM) whose name ({@code id}) and key are both derived from the credential that obtained it, with HMAC-SHA256
 * under two different labels. Only the same credential finds the entry and decrypts it: another job on the same
 * runner, sharing the home directory, with another secret or platform token gets nothing from it, not even through
 * reading the file. (A credential with little entropy — a short, guessable client secret — could be guessed offline
 * from the file; the same guess would work against the provider directly.)
 */
public final class EncryptedWorkloadTokenCache implements WorkloadTokenCache {
    private final Path dir;
    private final PrivateFiles files;

    public EncryptedWorkloadTokenCache(Path stateDir, PrivateFiles files) {
        this.dir = stateDir.resolve("workload");
        this.files = files;
    }

    @Override
    public Optional<Session> load(String profile, byte[] binding) {
        Path file = file(profile, binding);
        Optional<String> text = files.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JWEObject jwe = JWEObject.parse(text.get().strip());
            jwe.decrypt(new DirectDecrypter(derive(binding, "cliauth workload cache key")));
            return Optional.of(SessionCodec.parse(profile, file.toString(), jwe.getPayload().toString()));
        } catch (java.text.ParseException | JOSEException | CliauthException e) {
            return Optional.empty(); // unreadable: obtained anew, and replaced
        }
    }

    @Override
    public void save(Session session, byte[] binding) {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(SessionCodec.encode(session)));
        try {
            jwe.encrypt(new DirectEncrypter(derive(binding, "cliauth workload cache key")));
        } catch (JOSEException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot encrypt the workload token cache: " + e.getMessage(), e);
        }
        Path file = file(session.profile(), binding);
        files.write(file, jwe.serialize() + "\n");
        forgetExcept(session.profile(), file);
    }

    @Override
    public boolean forget(String profile) {
        return forgetExcept(profile, null);
    }

    private boolean forgetExcept(String profile, Path keep) {
        boolean any = false;
        // profile names may contain dots: match the whole name, so "a" never takes "a.b"'s entries
        java.util.regex.Pattern own = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(Profile.checkName(profile)) + "\\.[0-9a-f]{32}\\.jwe");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (own.matcher(entry.getFileName().toString()).matches() && !entry.equals(keep)) {
                    any |= files.delete(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return any;
    }

    private Path file(String profile, byte[] binding) {
        return dir.resolve(Profile.checkName(profile) + "." + name(binding) + ".jwe");
    }

    /** The entry's name: 128 bits of HMAC-SHA256 keyed by the credential, which tell nothing of it. */
    static String name(byte[] binding) {
        return HexFormat.of().formatHex(derive(binding, "cliauth workload cache name"), 0, 16);
    }

    private static byte[] derive(byte[] binding, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(binding.length == 0 ? new byte[1] : binding, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
