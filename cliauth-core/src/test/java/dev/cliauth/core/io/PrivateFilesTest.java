package dev.cliauth.core.io;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateFilesTest {
    private final PrivateFiles files = new PrivateFiles();

    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyFilesInOwnerOnlyDirectoriesAndLeavesNoTempFiles() throws Exception {
        Path file = dir.resolve("a/b/secret.json");
        files.write(file, "one");
        files.write(file, "two");

        assertThat(files.read(file)).contains("two");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("a"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("secret.json");
        }
    }

    @Test
    void tightensAnExistingOpenDirectory() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        files.write(open.resolve("f"), "x");
        assertThat(Files.getPosixFilePermissions(open)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void refusesToReadOrWriteThroughASymbolicLink() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "original");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        assertThatThrownBy(() -> files.write(link, "overwritten"))
                .isInstanceOfSatisfying(CliauthException.class, e -> assertThat(e.failure()).isEqualTo(Failure.STORAGE));
        assertThatThrownBy(() -> files.read(link)).isInstanceOf(CliauthException.class);
        assertThat(Files.readString(target)).isEqualTo("original");
    }

    @Test
    void missingFilesReadAsEmptyAndDeleteSaysWhetherThereWasOne() {
        Path file = dir.resolve("none");
        assertThat(files.read(file)).isEmpty();
        assertThat(files.delete(file)).isFalse();
        files.write(file, "x");
        assertThat(files.delete(file)).isTrue();
    }
}
