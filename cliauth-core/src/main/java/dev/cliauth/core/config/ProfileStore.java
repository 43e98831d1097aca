package dev.cliauth.core.config;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.io.JsonObject;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.provider.ProviderSettings;

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

/**
 * Profiles as one JSON file each, {@code <configDir>/profiles/<name>.json}. A workload profile adds flat fields
 * ({@code grant}, {@code client_auth}, {@code client_secret_env} or {@code client_secret_file}, {@code private_key_file},
 * {@code key_id}, {@code subject_token_source}, {@code audience}, {@code subject_token_type}) that name where secrets
 * are, never a secret: a file holding {@code client_secret} is refused. A provider preset adds {@code provider},
 * {@code api_audience} (Auth0) and {@code installed_app_client_secret}: the secret of a Google installed-app client,
 * which Google documents as not confidential; it is the one credential kept here, in the file's 0600.
 */
public final class ProfileStore {
    private final Path dir;
    private final PrivateFiles files;
    private final JsonObject.Reader json;

    public ProfileStore(Path configDir, PrivateFiles files) {
        this(configDir, files, JsonObject::parse);
    }

    /** @param json how a profile's text is read ({@link dev.cliauth.core.io.FlatJson#parse} on the fast path) */
    public ProfileStore(Path configDir, PrivateFiles files, JsonObject.Reader json) {
        this.dir = configDir.resolve("profiles");
        this.files = files;
        this.json = json;
    }

    public Optional<Profile> load(String name) {
        Path file = file(name);
        return files.read(file).map(text -> parse(name, file, text));
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
        if (profile.dpop()) {
            json.put("dpop", true);
        }
        profile.provider().preset().ifPresent(preset -> json.put("provider", preset.id()));
        profile.provider().audience().ifPresent(audience -> json.put("api_audience", audience));
        profile.provider().installedAppSecret().ifPresent(secret -> json.put("installed_app_client_secret", secret.value()));
        profile.workload().ifPresent(workload -> WorkloadFields.put(workload, json));
        if (!profile.gitHosts().isEmpty()) {
            json.put("git_hosts", String.join(" ", profile.gitHosts())); // a string: the fast path's reader has no arrays
        }
        profile.resource().ifPresent(binding -> ResourceFields.put(binding, json));
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

    private Profile parse(String name, Path file, String text) {
        try {
            JsonObject json = this.json.read(text);
            if (json.fields().containsKey("client_secret")) {
                throw new CliauthException(Failure.CONFIGURATION, "Profile file " + file + " contains a client_secret; cliauth never keeps"
                        + " secrets in its configuration. Remove it and run 'cliauth configure --profile " + name
                        + " --client-secret-env VAR' or '--client-secret-file PATH'.");
            }
            String issuer = json.string("issuer").orElse(null);
            return new Profile(name, issuer == null ? null : URI.create(issuer), json.string("client_id").orElse(null),
                    json.string("scope").orElse(null), json.number("port").orElse(0L).intValue(),
                    json.bool("open_browser").orElse(true),
                    Duration.ofSeconds(json.number("login_timeout_seconds").orElse(Profile.DEFAULT_TIMEOUT.toSeconds())),
                    WorkloadFields.read(json), json.bool("dpop").orElse(false), providerSettings(json),
                    json.string("git_hosts").map(hosts -> List.of(hosts.trim().split("\\s+"))).filter(hosts -> !hosts.get(0).isEmpty()).orElse(List.of()),
                    ResourceFields.read(json));
        } catch (ParseException | IllegalArgumentException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile file " + file + " is malformed (" + e.getMessage() + "); fix it or run 'cliauth configure --profile " + name + " ...'.", e);
        }
    }

    /** The provider fields; a file written before presets existed has none and detects its preset from the issuer. */
    private static ProviderSettings providerSettings(JsonObject json) throws ParseException {
        return new ProviderSettings(json.string("provider").map(ProviderPreset::parse), json.string("api_audience"),
                json.string("installed_app_client_secret").map(ProviderSettings.InstalledAppSecret::new));
    }

    /**
     * The fields {@code login --resource} adds: {@code resource}, {@code client_registered} and
     * {@code registration_client_uri}. Flat, for the fast path's reader; the registration access token is a secret and
     * is never among them (it is kept with the session).
     */
    private static final class ResourceFields {
        private ResourceFields() {
        }

        static void put(ResourceBinding binding, Map<String, Object> json) {
            json.put("resource", binding.resource().toString());
            if (binding.registered()) {
                json.put("client_registered", true);
            }
            binding.registrationClientUri().ifPresent(uri -> json.put("registration_client_uri", uri.toString()));
        }

        static Optional<ResourceBinding> read(JsonObject json) throws ParseException {
            Optional<String> resource = json.string("resource");
            if (resource.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ResourceBinding(URI.create(resource.get()), json.bool("client_registered").orElse(false),
                    json.string("registration_client_uri").map(URI::create)));
        }
    }

    /** The workload fields of a profile file. */
    private static final class WorkloadFields {
        private WorkloadFields() {
        }

        static void put(Workload workload, Map<String, Object> json) {
            json.put("grant", workload.grant().value());
            json.put("client_auth", workload.clientAuth().method());
            // Java 17 has no pattern switch: instanceof over the sealed types
            if (workload.clientAuth() instanceof Workload.ClientAuth.Secret secret) {
                if (secret.secret() instanceof Workload.SecretRef.EnvVariable env) {
                    json.put("client_secret_env", env.name());
                } else if (secret.secret() instanceof Workload.SecretRef.SecretFile secretFile) {
                    json.put("client_secret_file", secretFile.path().toString());
                }
            } else if (workload.clientAuth() instanceof Workload.ClientAuth.PrivateKey key) {
                json.put("private_key_file", key.keyFile().toString());
                key.keyId().ifPresent(id -> json.put("key_id", id));
            }
            workload.subjectTokenSource().ifPresent(source -> json.put("subject_token_source", source.spec()));
            workload.audience().ifPresent(audience -> json.put("audience", audience));
            workload.subjectTokenType().ifPresent(type -> json.put("subject_token_type", type.value()));
        }

        static Optional<Workload> read(JsonObject json) throws ParseException {
            Optional<String> grant = json.string("grant");
            if (grant.isEmpty()) {
                return Optional.empty();
            }
            Workload.ClientAuth auth = switch (json.string("client_auth").orElse("none")) {
                case "client_secret_basic" -> new Workload.ClientAuth.Secret(secret(json), false);
                case "client_secret_post" -> new Workload.ClientAuth.Secret(secret(json), true);
                case "private_key_jwt" -> new Workload.ClientAuth.PrivateKey(Path.of(json.requiredString("private_key_file")), json.string("key_id"));
                case "federated" -> new Workload.ClientAuth.Federated();
                case "none" -> new Workload.ClientAuth.None();
                default -> throw new ParseException("field 'client_auth' is not one of client_secret_basic, client_secret_post,"
                        + " private_key_jwt, federated, none", 0);
            };
            return Optional.of(new Workload(Workload.Grant.parse(grant.get()), auth,
                    json.string("subject_token_source").map(Workload.TokenSource::parse), json.string("audience"),
                    json.string("subject_token_type").map(Workload.SubjectTokenType::parse)));
        }

        private static Workload.SecretRef secret(JsonObject json) throws ParseException {
            Optional<String> env = json.string("client_secret_env");
            if (env.isPresent()) {
                return new Workload.SecretRef.EnvVariable(env.get());
            }
            return new Workload.SecretRef.SecretFile(Path.of(json.string("client_secret_file")
                    .orElseThrow(() -> new ParseException("field 'client_secret_env' or 'client_secret_file' is missing", 0))));
        }
    }
}
