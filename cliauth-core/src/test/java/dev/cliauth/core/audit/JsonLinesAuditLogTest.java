package dev.cliauth.core.audit;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class JsonLinesAuditLogTest {
    private static final String ISSUER = "https://id.example.com/realms/acme";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    /** A syntactically complete JWT; its signature is made up. */
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz_-x";

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void writesOneJsonObjectPerLineWithTheEnvelopeFirstInRecordingOrder() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog log = log(file);
        log.record(new AuthEvent.FlowChosen("work", ISSUER, "device", List.of("SSH session", "policy allows \"headless\""), List.of("SSH_CONNECTION")));
        log.record(new AuthEvent.LoginSucceeded("work", ISSUER, null, "device"));
        log.record(new AuthEvent.LoginFailed("work", ISSUER, "pkce", "TIMEOUT", "line one\nline two"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"time\":\"2026-11-26T10:00:00Z\",\"event\":\"flow_chosen\",\"user\":\"alice\",\"host\":\"laptop\","
                + "\"profile\":\"work\",\"issuer\":\"" + ISSUER + "\",\"flow\":\"device\","
                + "\"reasons\":[\"SSH session\",\"policy allows \\\"headless\\\"\"],\"environment_signals\":[\"SSH_CONNECTION\"]}");
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : lines) {
            parsed.add(JSONObjectUtils.parse(line));
        }
        assertThat(parsed).extracting(m -> m.get("event")).containsExactly("flow_chosen", "login_succeeded", "login_failed");
        assertThat(parsed.get(1)).containsEntry("subject", null).containsEntry("user", "alice");
        assertThat(parsed.get(2)).containsEntry("message", "line one\nline two");
        assertThat(List.copyOf(parsed.get(2).keySet()))
                .containsExactly("time", "event", "user", "host", "profile", "issuer", "flow", "failure", "message");
        assertThat(warnings).isEmpty();
    }

    @Test
    void createsTheFileOwnerOnlyAndMissingDirectoriesOwnerOnly() throws Exception {
        Path file = dir.resolve("state/cliauth/audit.jsonl");
        log(file).record(new AuthEvent.FellBack("work", ISSUER, "pkce", "device", "no browser"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("state"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void leavesTheModeOfAnExistingFileAndDirectoryAsTheAdministratorSetIt() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("log"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = Files.createFile(shared.resolve("audit.jsonl"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

        log(file).record(new AuthEvent.FellBack("work", ISSUER, "pkce", "device", "no browser"));

        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void appendsAcrossInstancesAsSeparateRunsDo() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        log(file).record(new AuthEvent.LoginSucceeded("work", ISSUER, "alice", "pkce"));
        new JsonLinesAuditLog(file, Clock.offset(CLOCK, java.time.Duration.ofMillis(1500)), "bob", "laptop", warnings::add)
                .record(new AuthEvent.LoginSucceeded("home", ISSUER, "bob", "device"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(JSONObjectUtils.parse(lines.get(0))).containsEntry("user", "alice").containsEntry("profile", "work");
        assertThat(JSONObjectUtils.parse(lines.get(1))).containsEntry("user", "bob").containsEntry("time", "2026-11-26T10:00:01.500Z");
    }

    @Test
    void replacesAnythingThatLooksLikeAJwtWherEverItHides() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog log = log(file);
        log.record(new AuthEvent.LoginFailed("work", ISSUER, "pkce", "LOGIN_FAILED", "ID token " + JWT + " failed validation"));
        log.record(new AuthEvent.FlowChosen("work", ISSUER, "pkce", List.of("hint=" + JWT), List.of(JWT)));
        log.record(new AuthEvent.LoginSucceeded(JWT, ISSUER, JWT + ".and.two.more", "pkce"));

        String text = Files.readString(file);
        assertThat(text).doesNotContain("eyJ");
        List<String> lines = Files.readAllLines(file);
        assertThat(JSONObjectUtils.parse(lines.get(0))).containsEntry("message", "ID token [redacted] failed validation");
        assertThat(JSONObjectUtils.parse(lines.get(1))).containsEntry("reasons", List.of("hint=[redacted]"))
                .containsEntry("environment_signals", List.of("[redacted]"));
        assertThat(JSONObjectUtils.parse(lines.get(2))).containsEntry("profile", "[redacted]").containsEntry("subject", "[redacted]");
    }

    @Test
    void leavesOrdinaryDottedTextAlone() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        log(file).record(new AuthEvent.FellBack("work", "https://eyJ.example.com", "pkce", "device", "version 1.2.3 of a.b.c"));
        assertThat(JSONObjectUtils.parse(Files.readString(file)))
                .containsEntry("issuer", "https://eyJ.example.com").containsEntry("reason", "version 1.2.3 of a.b.c");
    }

    @Test
    void anUnwritableLogWarnsOnceAndNeverFailsTheLogin() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("audit.jsonl");
        AuditLog log = log(file);

        assertThatCode(() -> {
            log.record(new AuthEvent.LoginSucceeded("work", ISSUER, "alice", "pkce"));
            log.record(new AuthEvent.LoginSucceeded("work", ISSUER, "alice", "pkce"));
        }).doesNotThrowAnyException();

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("cliauth: cannot write audit log " + file + ": ").doesNotContain("\n");
    }

    @Test
    void aPermissionProblemIsNamedAsSuch() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path locked = Files.createDirectory(dir.resolve("locked"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        Path file = locked.resolve("audit.jsonl");

        log(file).record(new AuthEvent.LoginSucceeded("work", ISSUER, "alice", "pkce"));

        assertThat(warnings).containsExactly("cliauth: cannot write audit log " + file + ": Permission denied");
    }

    @Test
    void refusesToWriteThroughASymbolicLink() throws Exception {
        Path target = Files.writeString(dir.resolve("someone-elses-file"), "original\n");
        Path link = Files.createSymbolicLink(dir.resolve("audit.jsonl"), target);

        log(link).record(new AuthEvent.LoginSucceeded("work", ISSUER, "alice", "pkce"));

        assertThat(Files.readString(target)).isEqualTo("original\n");
        assertThat(warnings).containsExactly("cliauth: cannot write audit log " + link
                + ": it is a symbolic link, which cliauth refuses to follow");
    }

    @Test
    void refusesSomethingThatIsNotARegularFile() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("audit.jsonl"));

        log(directory).record(new AuthEvent.LoginSucceeded("work", ISSUER, "alice", "pkce"));

        assertThat(warnings).containsExactly("cliauth: cannot write audit log " + directory + ": it is not a regular file");
    }

    @Test
    void noneRecordsNothing() {
        assertThatCode(() -> AuditLog.none().record(new AuthEvent.LoginSucceeded("work", ISSUER, null, "pkce"))).doesNotThrowAnyException();
    }

    private JsonLinesAuditLog log(Path file) {
        return new JsonLinesAuditLog(file, CLOCK, "alice", "laptop", warnings::add);
    }
}
