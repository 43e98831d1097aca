package dev.cliauth.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Google through the real CLI. The stand-in follows https://developers.google.com/identity/protocols/oauth2/native-app:
 * a Desktop (installed-app) client redeems its code with its client secret, which Google does not treat as
 * confidential, and a loopback redirect on any port; without the secret the token endpoint answers
 * {@code invalid_request} "client_secret is missing."
 */
class ProviderGoogleIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLIENT = "407408718192-k2l1oq7a.apps.googleusercontent.com";
    static final String SECRET = "GOCSPX-4fJ8zQ_installed_app";

    @TempDir
    Path home;
    ProviderStandIn google;
    Pattern signInUrl;

    @BeforeEach
    void start() {
        google = new ProviderStandIn();
        google.discovery("", google.document(google.root(), google.root() + "/o/oauth2/v2", ""));
        google.jwks("/o/oauth2/v2/keys");
        google.signsInAt("/o/oauth2/v2/authorize");
        signInUrl = Pattern.compile("^\\s+(" + Pattern.quote(google.root() + "/o/oauth2/v2/authorize?") + "\\S+)$");
        // https://developers.google.com/identity/protocols/oauth2/native-app#exchange-authorization-code
        google.server.stubFor(post(urlPathEqualTo("/o/oauth2/v2/token")).atPriority(9).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"invalid_request\",\"error_description\":\"client_secret is missing.\"}")));
    }

    @AfterEach
    void stop() {
        google.close();
    }

    @Test
    void anInstalledAppSendsItsSecretAndSignsIn() throws Exception {
        Cli cli = new Cli(home).with("GOOGLE_SECRET", SECRET);
        Cli.Running login = cli.start("login", "--provider", "google", "--issuer", google.root(), "--client-id", CLIENT,
                "--installed-app-secret-env", "GOOGLE_SECRET", "--no-browser");
        String url = login.awaitStderr(signInUrl, WAIT);
        String idToken = google.idToken(google.root(), CLIENT, ProviderStandIn.query(url).get("nonce"),
                c -> c.claim("azp", CLIENT).claim("email", "ada@example.com").claim("email_verified", true));
        google.server.stubFor(post(urlPathEqualTo("/o/oauth2/v2/token")).atPriority(1).withRequestBody(containing("client_secret=" + SECRET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"access_token\":\"ya29.a0AfB_byC\",\"expires_in\":3599,\"refresh_token\":\"1//0gLk9\","
                                + "\"scope\":\"openid https://www.googleapis.com/auth/userinfo.email\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\"}")));

        google.follow(url);
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in as ada@example.com").doesNotContain(SECRET);
        assertThat(Files.readString(cli.configDir().resolve("profiles/default.json"))).contains(SECRET);
        assertThat(cli.run(WAIT, "status", "--profile", "default").stdout()).contains("(Google)").doesNotContain(SECRET);
    }

    @Test
    void theDeviceFlowRefusingAScopeContinuesInTheBrowser() throws Exception {
        // https://developers.google.com/identity/protocols/oauth2/limited-input-device#allowedscopes: only a few scopes
        google.discovery("", google.document(google.root(), google.root() + "/o/oauth2/v2",
                ",\"device_authorization_endpoint\":\"" + google.root() + "/device/code\""));
        google.server.stubFor(post(urlPathEqualTo("/device/code")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"invalid_scope\",\"error_description\":\"Some requested scopes were invalid.\"}")));
        google.server.stubFor(post(urlPathEqualTo("/o/oauth2/v2/token")).atPriority(1).withRequestBody(containing("client_secret=" + SECRET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"access_token\":\"ya29.a0AfB_byC\",\"expires_in\":3599,\"scope\":\"https://www.googleapis.com/auth/gmail.readonly\","
                                + "\"token_type\":\"Bearer\"}")));
        Path secretFile = home.resolve("google-secret");
        Files.writeString(secretFile, SECRET + "\n");
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--device", "--provider", "google", "--issuer", google.root(), "--client-id", CLIENT,
                "--installed-app-secret-file", secretFile.toString(), "--scope", "https://www.googleapis.com/auth/gmail.readonly", "--no-browser");

        google.follow(login.awaitStderr(signInUrl, WAIT));
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("invalid_scope").contains("allows only a few scopes").contains("continuing with a browser sign-in");
    }

    @Test
    void withoutTheSecretTheMessageSaysWhichFlagGivesIt() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--provider", "google", "--issuer", google.root(), "--client-id", CLIENT, "--no-browser");
        google.follow(login.awaitStderr(signInUrl, WAIT));
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("client_secret is missing").contains("--installed-app-secret-env").contains("Nothing was stored");
    }
}
