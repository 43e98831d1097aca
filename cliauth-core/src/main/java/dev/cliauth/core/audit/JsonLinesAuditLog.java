package dev.cliauth.core.audit;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An audit log of one JSON object per line:
 * {@code {"time":"2026-11-26T10:00:00Z","event":"flow_chosen","user":"alice","host":"laptop",...}}.
 *
 * <p>Each event is one {@code write(2)} to a file opened with {@code O_APPEND}, so lines from concurrent cliauth
 * processes land whole and never interleave (on a local file system; NFS does not honour {@code O_APPEND}).
 * The file is opened per event: cliauth writes a handful of events per run, and no handle outlives the call.
 * A missing file is created 0600 with that mode from the start, and missing parent directories 0700; existing files
 * and directories keep their mode, so an administrator can provision a shared log (for example under
 * {@code /var/log}) with whatever mode they choose. A symbolic link, or anything but a regular file, is refused:
 * another user could otherwise aim the log at a file of ours, or park it on a FIFO and hang the login.
 *
 * <p>Auditing never fails a login: a write that fails is reported once through the warning sink and otherwise
 * ignored. Events carry no secrets by construction; as a second line of defence any string that looks like a JWT is
 * replaced by {@value #REDACTED} before it is written.
 */
public final class JsonLinesAuditLog implements AuditLog {
    /** What replaces a JWT-looking value. */
    public static final String REDACTED = "[redacted]";
    /**
     * A compact JWS (three base64url segments, the header starting {@code {"}) or JWE (five, some possibly empty),
     * with any further dotted segments: better to hide a little too much than the tail of a token.
     */
    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.[\\w-]*\\.[\\w-]*(?:\\.[\\w-]*)*");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

    private final Path file;
    private final Clock clock;
    private final String user;
    private final String host;
    private final Consumer<String> warnings;
    private final boolean posix;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param file     the log, from the policy's {@code audit_log}
     * @param clock    the time stamped on each line
     * @param user     the local account running cliauth
     * @param host     this machine's name
     * @param warnings where the one warning about an unwritable log goes, such as standard error
     */
    public JsonLinesAuditLog(Path file, Clock clock, String user, String host, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file);
        this.clock = Objects.requireNonNull(clock);
        this.user = Objects.requireNonNull(user);
        this.host = Objects.requireNonNull(host);
        this.warnings = Objects.requireNonNull(warnings);
        this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public void record(AuthEvent event) {
        Objects.requireNonNull(event);
        try {
            append(line(event));
        } catch (IOException | RuntimeException e) {
            if (!warned.getAndSet(true)) {
                warnings.accept("cliauth: cannot write audit log " + file + ": " + reason(e));
            }
        }
    }

    private String line(AuthEvent event) {
        Map<String, Object> fields = event.fields();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("event", fields.get("event"));
        line.put("user", user);
        line.put("host", host);
        fields.forEach(line::putIfAbsent);
        line.replaceAll((name, value) -> redact(value));
        // JSON escapes every control character, so the object cannot span lines.
        return JSONObjectUtils.toJSONString(line) + "\n";
    }

    private static Object redact(Object value) {
        if (value instanceof String s) {
            return JWT.matcher(s).replaceAll(REDACTED);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonLinesAuditLog::redact).toList();
        }
        return value;
    }

    private void append(String line) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, attributes(DIR_MODE));
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes existing = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (existing.isSymbolicLink()) {
                throw new FileSystemException(file.toString(), null, "it is a symbolic link, which cliauth refuses to follow");
            }
            if (!existing.isRegularFile()) {
                throw new FileSystemException(file.toString(), null, "it is not a regular file");
            }
        }
        // NOFOLLOW_LINKS again at open: the check above can race with someone swapping in a link.
        try (FileChannel channel = FileChannel.open(file, APPEND, attributes(FILE_MODE))) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes); // one write(2) for the whole line; a short write only on a full disk
            }
        }
    }

    private FileAttribute<?>[] attributes(Set<PosixFilePermission> mode) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    /** Why, in the words of the operating system: several file-system exceptions carry only a path as message. */
    private String reason(Exception e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "Permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "No such file or directory";
        } else if (e instanceof NotDirectoryException) {
            reason = "Not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "File exists";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (e instanceof FileSystemException fse && fse.getFile() != null && !fse.getFile().equals(file.toString())) {
            reason += " (" + fse.getFile() + ")";
        }
        return reason.replaceAll("[\\r\\n]+", " ");
    }
}
