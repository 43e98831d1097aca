package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.io.PrivateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProfileStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsProfilesAndListsThem() {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Profile work = Profile.of("work", URI.create("https://id.example.com/realms/acme"), "cli")
                .withScope("openid  email").withCallbackPort(8400).withOpenBrowser(false).withLoginTimeout(Duration.ofSeconds(90));
        store.save(work);
        store.save(Profile.of("default", URI.create("http://127.0.0.1:8180/realms/open"), "cliauth"));

        assertThat(store.load("work")).contains(work);
        assertThat(store.load("work").orElseThrow().scope()).isEqualTo("openid email");
        assertThat(store.names()).containsExactly("default", "work");
        assertThat(store.load("missing")).isEmpty();
    }

    @Test
    void aMalformedProfileIsAConfigurationErrorNamingTheFile() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/bad.json"), "{\"issuer\": 42}");
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.load("bad"));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("bad.json").contains("issuer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", ".hidden", "", "x y", "ä"})
    void profileNamesCannotEscapeTheDirectory(String name) {
        assertThatThrownBy(() -> Profile.checkName(name)).isInstanceOf(CliauthException.class);
    }

    @Test
    void openIdIsRecognisedInTheScope() {
        Profile p = Profile.of("p", URI.create("https://x.example"), "c");
        assertThat(p.requestsOpenId()).isTrue();
        assertThat(p.withScope("repo read:org").requestsOpenId()).isFalse();
        assertThat(p.withScope("profile openid").requestsOpenId()).isTrue();
    }

    @Test
    void locationsFollowXdgAndFallBackToHome() {
        Locations xdg = Locations.fromEnvironment(Map.of("HOME", "/home/a", "XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "/st"));
        assertThat(xdg.configDir()).isEqualTo(Path.of("/cfg/cliauth"));
        assertThat(xdg.stateDir()).isEqualTo(Path.of("/st/cliauth"));
        assertThat(xdg.cacheDir()).isEqualTo(Path.of("/home/a/.cache/cliauth"));
        Locations home = Locations.fromEnvironment(Map.of("HOME", "/home/a", "XDG_STATE_HOME", "relative/ignored"));
        assertThat(home.configDir()).isEqualTo(Path.of("/home/a/.config/cliauth"));
        assertThat(home.stateDir()).isEqualTo(Path.of("/home/a/.local/state/cliauth"));
    }

    @Test
    void workloadProfilesRoundTripAndStoreOnlyWhereSecretsAre() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        URI issuer = URI.create("https://id.example.com/realms/acme");
        Profile basic = Profile.of("ci", issuer, "ci").withWorkload(new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Secret(new Workload.SecretRef.EnvVariable("CI_SECRET"), false), Optional.empty(), Optional.empty(),
                Optional.empty())).withScope("");
        Profile post = Profile.of("post", issuer, "ci").withWorkload(new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Secret(new Workload.SecretRef.SecretFile(Path.of("/run/secrets/ci")), true), Optional.empty(),
                Optional.empty(), Optional.empty())).withScope("api://backend/.default");
        Profile key = Profile.of("key", issuer, "ci").withWorkload(new Workload(Workload.Grant.JWT_BEARER,
                new Workload.ClientAuth.PrivateKey(Path.of("/keys/ci.pem"), Optional.of("k1")), Optional.of(Workload.TokenSource.parse("github-actions")),
                Optional.of("https://id.example.com"), Optional.empty()));
        Profile exchange = Profile.of("exchange", issuer, "ci").withWorkload(new Workload(Workload.Grant.TOKEN_EXCHANGE,
                new Workload.ClientAuth.None(), Optional.of(Workload.TokenSource.parse("kubernetes")), Optional.empty(),
                Optional.of(Workload.SubjectTokenType.ID_TOKEN)));
        Profile federated = Profile.of("federated", issuer, "ci").withWorkload(new Workload(Workload.Grant.CLIENT_CREDENTIALS,
                new Workload.ClientAuth.Federated(), Optional.of(Workload.TokenSource.parse("azure")), Optional.empty(), Optional.empty()));
        for (Profile p : new Profile[] {basic, post, key, exchange, federated}) {
            store.save(p);
            assertThat(store.load(p.name())).contains(p);
        }
        assertThat(store.load("ci").orElseThrow().scope()).isEmpty();
        assertThat(Files.readString(store.file("ci"))).contains("\"grant\":\"client_credentials\"", "\"client_auth\":\"client_secret_basic\"",
                "\"client_secret_env\":\"CI_SECRET\"");
        assertThat(dev.cliauth.core.io.JsonObject.parse(Files.readString(store.file("key"))).fields()).containsEntry("private_key_file", "/keys/ci.pem")
                .containsEntry("key_id", "k1").containsEntry("subject_token_source", "github-actions").containsEntry("audience", "https://id.example.com");
        assertThat(Files.readString(store.file("exchange"))).contains("\"subject_token_type\":\"id_token\"", "\"client_auth\":\"none\"");
    }

    @Test
    void aProfileWithoutWorkloadFieldsIsAPersonsAsBefore() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/old.json"), "{\"issuer\":\"https://x.example\",\"client_id\":\"c\",\"scope\":\"openid\"}");
        Profile old = store.load("old").orElseThrow();
        assertThat(old.isWorkload()).isFalse();
        assertThat(old.workload()).isEmpty();
        assertThat(Profile.of("p", URI.create("https://x.example"), "c").withScope("").scope()).isEqualTo(Profile.DEFAULT_SCOPE);
    }

    @Test
    void aSecretInAProfileFileIsRefusedWithoutRepeatingIt() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/ci.json"), "{\"issuer\":\"https://x.example\",\"client_id\":\"c\",\"grant\":\"client_credentials\","
                + "\"client_auth\":\"client_secret_post\",\"client_secret\":\"hunter2-in-a-file\"}");
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.load("ci"));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("contains a client_secret").contains("--client-secret-env VAR").doesNotContain("hunter2");
    }

    @Test
    void aWorkloadFileThatCannotWorkNamesTheProblem() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/ci.json"), "{\"issuer\":\"https://x.example\",\"client_id\":\"c\",\"grant\":\"client_credentials\"}");
        assertThat(catchThrowableOfType(CliauthException.class, () -> store.load("ci")).getMessage()).contains("needs client authentication");
        Files.writeString(dir.resolve("profiles/ci.json"), "{\"issuer\":\"https://x.example\",\"client_id\":\"c\",\"grant\":\"client_credentials\","
                + "\"client_auth\":\"client_secret_basic\"}");
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.load("ci"));
        assertThat(e.getMessage()).contains("ci.json is malformed").contains("client_secret_env");
    }

    @Test
    void providerSettingsRoundTripAndTheInstalledAppSecretIsNeverPrinted() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Profile google = Profile.of("g", URI.create("https://accounts.google.com"), "123.apps.googleusercontent.com")
                .withProvider(dev.cliauth.core.provider.ProviderSettings.NONE.withPreset(dev.cliauth.core.provider.ProviderPreset.GOOGLE)
                        .withAudience("https://api.example.com")
                        .withInstalledAppSecret(new dev.cliauth.core.provider.ProviderSettings.InstalledAppSecret("GOCSPX-s3cr3t")));
        store.save(google);

        assertThat(store.load("g")).contains(google);
        assertThat(google.toString()).doesNotContain("GOCSPX-s3cr3t");
        String text = Files.readString(store.file("g"));
        assertThat(text).contains("\"provider\":\"google\"").contains("\"api_audience\"").contains("installed_app_client_secret");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file("g")))).isEqualTo("rw-------");
        }
    }

    @Test
    void aProfileFileWrittenBeforePresetsLoadsAndDetectsItsPreset() throws Exception {
        ProfileStore store = new ProfileStore(dir, new PrivateFiles());
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/old.json"), "{\"issuer\":\"https://github.com\",\"client_id\":\"Iv1.abc\","
                + "\"scope\":\"read:user\",\"open_browser\":true,\"login_timeout_seconds\":300}\n");
        Profile old = store.load("old").orElseThrow();
        assertThat(old.provider()).isEqualTo(dev.cliauth.core.provider.ProviderSettings.NONE);
        assertThat(old.preset()).isEqualTo(dev.cliauth.core.provider.ProviderPreset.GITHUB);
    }
}
