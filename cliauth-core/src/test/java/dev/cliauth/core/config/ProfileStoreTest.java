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
}
