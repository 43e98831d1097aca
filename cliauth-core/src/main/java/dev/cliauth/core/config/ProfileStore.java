package dev.cliauth.core.config;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.io.PrivateFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles as one JSON file each, {@code <configDir>/profiles/<name>.json}. */
public final class ProfileStore {
    private final Path dir;
    private final PrivateFiles files;

    public ProfileStore(Path configDir, PrivateFiles files) {
        this.dir = configDir.resolve("profiles");
        this.files = files;
    }

    public Optional<Profile> load(String name) {
        Path file = file(name);
        return files.read(file).map(json -> parse(name, file, json));
    }

    public void save(Profile profile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", profile.issuer().toString());
        json.put("client_id", profile.clientId());
        json.put("scope", profile.scope());
        if (profile.callbackPort() != 0) {
            json.put("port", profile.callbackPort());
        }
        json.put("open_browser", profile.openBrowser());
        json.put("login_timeout_seconds", profile.loginTimeout().toSeconds());
        files.write(file(profile.name()), JSONObjectUtils.toJSONString(json) + "\n");
    }

    /** Names of all stored profiles, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                names.add(fileName.substring(0, fileName.length() - ".json".length()));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    public Path file(String name) {
        return dir.resolve(Profile.checkName(name) + ".json");
    }

    private static Profile parse(String name, Path file, String text) {
        try {
            JsonObject json = JsonObject.parse(text);
            String issuer = json.string("issuer").orElse(null);
            return new Profile(name, issuer == null ? null : URI.create(issuer), json.string("client_id").orElse(null),
                    json.string("scope").orElse(null), json.number("port").orElse(0L).intValue(),
                    json.bool("open_browser").orElse(true),
                    Duration.ofSeconds(json.number("login_timeout_seconds").orElse(Profile.DEFAULT_TIMEOUT.toSeconds())));
        } catch (ParseException | IllegalArgumentException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile file " + file + " is malformed (" + e.getMessage() + "); fix it or run 'cliauth configure --profile " + name + " ...'.", e);
        }
    }
}
