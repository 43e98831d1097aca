package dev.cliauth.core.flow.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The small local files workload identity reads: platform tokens, client secrets, private keys. A seam, so tests use
 * temporary files or fakes. Symbolic links are followed on purpose: Kubernetes mounts secrets and projected tokens
 * as links into a {@code ..data} directory it swaps atomically on rotation.
 */
public interface SecretFiles {

    /** No token, secret or key is anywhere near this big; a larger file is a mistake, not a credential. */
    long MAX_BYTES = 64 * 1024;

    /** Whether the file exists. */
    boolean exists(Path file);

    /** The file's text (UTF-8); {@link java.nio.file.NoSuchFileException} when it does not exist. */
    String read(Path file) throws IOException;

    /** Whether users other than the owner may read it; false where the file system cannot say (Windows). */
    boolean readableByOthers(Path file) throws IOException;

    /** The real file system. */
    static SecretFiles system() {
        return new SecretFiles() {
            @Override
            public boolean exists(Path file) {
                return Files.isRegularFile(file);
            }

            @Override
            public String read(Path file) throws IOException {
                if (Files.size(file) > MAX_BYTES) {
                    throw new IOException("larger than " + MAX_BYTES / 1024 + " KiB");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }

            @Override
            public boolean readableByOthers(Path file) throws IOException {
                PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                if (view == null) {
                    return false;
                }
                Set<PosixFilePermission> mode = view.readAttributes().permissions();
                return mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ);
            }
        };
    }
}
