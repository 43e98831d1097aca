package dev.cliauth.core.io;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner can read: 0600 files in 0700 directories, created with their final mode
 * (never chmod-ed after the secret is written), written atomically (temp file, fsync, rename), and
 * never followed through a symbolic link.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final boolean posix;

    public PrivateFiles() {
        this.posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Reads a file as UTF-8, or empty when it does not exist. Refuses a symbolic link. */
    public Optional<String> read(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                throw new CliauthException(Failure.STORAGE, file + " is a symbolic link; cliauth refuses to follow it. Remove it and try again.");
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} with {@code content} atomically; the file is 0600 and its directory 0700. */
    public void write(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        if (Files.isSymbolicLink(file)) {
            throw new CliauthException(Failure.STORAGE, file + " is a symbolic link; cliauth refuses to write through it. Remove it and try again.");
        }
        Path temp = dir.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes(FILE_MODE))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temp file holds the same content the target now has
            }
        }
    }

    /** Deletes a file; returns whether it existed. */
    public boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} and missing parents, each new one 0700; an existing {@code dir} is tightened to 0700. */
    public void createPrivateDirectories(Path dir) {
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (posix) {
                    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    if (!view.readAttributes().permissions().equals(DIR_MODE)) {
                        view.setPermissions(DIR_MODE);
                    }
                }
                return;
            }
            if (Files.isSymbolicLink(dir)) {
                throw new CliauthException(Failure.STORAGE, dir + " is a symbolic link; cliauth keeps its files only in real directories.");
            }
            Path parent = dir.getParent();
            if (parent != null && !Files.exists(parent)) {
                createPrivateDirectories(parent);
            }
            try {
                Files.createDirectory(dir, fileAttributes(DIR_MODE));
            } catch (FileAlreadyExistsException raced) {
                createPrivateDirectories(dir);
            }
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> mode) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        Random.INSTANCE.nextBytes(bytes);
        return bytes;
    }

    /** Made on the first write: seeding a SecureRandom loads the security providers, which a read does not need. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
}
