package dev.cliauth.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that answers with text meant for the person's terminal rather than for the person: OSC 52 (which sets
 * the clipboard), a clear-screen, a bidi override that makes {@code exe.png} read as {@code gnp.exe}, a C1 CSI, an
 * isolate. Whatever it puts in an error, a device-flow page or a user name, bin/cliauth's stderr and status carry none
 * of them. And an authorization error whose {@code iss} is repeated is no answer at all.
 */
class ProviderHostileAnswersIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    /** What a hostile provider sends, as Java text. */
    static final String HOSTILE = "\u001b]52;c;Y3VybCBldmlsfHNo\u0007\u001b[2J\u202egnp.exe\u009b\u2066";
    /** The same, as JSON escapes in a provider's answer. */
    static final String HOSTILE_JSON = "\\u001b]52;c;Y3VybCBldmlsfHNo\\u0007\\u001b[2J\\u202egnp.exe\\u009b\\u2066";

    @TempDir
    Path home;
    ProviderStandIn provider;
    String issuer;
    String base;

    @BeforeEach
    void start() {
        provider = new ProviderStandIn();
        issuer = provider.root() + "/realms/hostile";
        base = issuer + "/protocol";
        provider.discovery("/realms/hostile", provider.document(issuer, base, ",\"device_authorization_endpoint\":\"" + base + "/device\""));
        provider.jwks("/realms/hostile/protocol/keys");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void anErrorDescriptionFullOfEscapeSequencesReachesStderrCleaned() throws Exception {
        provider.server.stubFor(get(urlPathEqualTo("/realms/hostile/protocol/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?error=access_denied&error_description="
                        + URLEncoder.encode("You said no" + HOSTILE, StandardCharsets.UTF_8) + "&state={{request.query.state}}")
                .withTransformers("response-template")));
        Cli.Running login = new Cli(home).start("login", "--issuer", issuer, "--client-id", "cli", "--no-browser");

        provider.follow(login.awaitStderr(signInUrl(), WAIT));
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("access_denied: You said no]52;c;Y3VybCBldmlsfHNo[2Jgnp.exe");
        assertNothingATerminalObeys(login.rawStderr());
    }

    @Test
    void aDeviceFlowWithOverridesInItsPagesAndCodeShowsThemCleaned() throws Exception {
        provider.server.stubFor(post(urlPathEqualTo("/realms/hostile/protocol/device")).willReturn(json(200,
                "{\"device_code\":\"dc-7f3a9c\",\"user_code\":\"WDJB\\u009b-MJHT\",\"verification_uri\":\"" + provider.root()
                        + "/activate\\u202egnp.exe\",\"verification_uri_complete\":\"" + provider.root() + "/activate?c=\\u2066x\","
                        + "\"expires_in\":600,\"interval\":1}")));
        provider.server.stubFor(post(urlPathEqualTo("/realms/hostile/protocol/token")).withRequestBody(containing("device_code"))
                .willReturn(json(400, "{\"error\":\"access_denied\",\"error_description\":\"Denied" + HOSTILE_JSON + "\"}")));

        Cli.Running login = new Cli(home).start("login", "--device", "--qr", "--no-browser", "--issuer", issuer, "--client-id", "cli");
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(4);
        assertThat(result.stderr()).contains(provider.root() + "/activategnp.exe").contains("WDJB-MJHT").contains("access_denied");
        assertNothingATerminalObeys(login.rawStderr());
    }

    @Test
    void aVerificationPageWithAnEscapeSequenceIsRefusedInACleanLine() throws Exception {
        provider.server.stubFor(post(urlPathEqualTo("/realms/hostile/protocol/device")).willReturn(json(200,
                "{\"device_code\":\"dc-7f3a9c\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"" + provider.root()
                        + "/activate" + HOSTILE_JSON + "\",\"expires_in\":600,\"interval\":1}")));

        Cli.Running login = new Cli(home).start("login", "--device", "--no-browser", "--issuer", issuer, "--client-id", "cli");
        Cli.Result result = login.await(WAIT);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(6);
        assertThat(result.stderr()).contains("not a device authorization");
        assertNothingATerminalObeys(login.rawStderr());
    }

    @Test
    void aUserNameFullOfEscapeSequencesIsShownCleanedAtSignInAndInStatus() throws Exception {
        provider.signsInAt("/realms/hostile/protocol/authorize");
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--issuer", issuer, "--client-id", "cli", "--no-browser");
        String url = login.awaitStderr(signInUrl(), WAIT);
        String idToken = provider.idToken(issuer, "cli", ProviderStandIn.query(url).get("nonce"),
                claims -> claims.claim("preferred_username", "alice" + HOSTILE));
        provider.server.stubFor(post(urlPathEqualTo("/realms/hostile/protocol/token")).willReturn(json(200,
                "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\"" + idToken + "\"}")));

        provider.follow(url);
        Cli.Result result = login.await(WAIT);
        Cli.Result status = cli.run(WAIT, "status", "--profile", "default");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Signed in as alice]52;c;Y3VybCBldmlsfHNo[2Jgnp.exe to " + issuer);
        assertNothingATerminalObeys(login.rawStderr());
        assertThat(status.stdout()).contains("Signed in: yes, as alice]52;c;Y3VybCBldmlsfHNo[2Jgnp.exe");
        assertNothingATerminalObeys(status.stdout());
    }

    @Test
    void anErrorWithARepeatedIssIsNotTakenForTheProvidersAnswer() throws Exception {
        // RFC 6749 §3.1: a parameter appears once. Read as "no iss", this error would pass the RFC 9207 mix-up check.
        String iss = URLEncoder.encode("https://attacker.example", StandardCharsets.UTF_8);
        provider.server.stubFor(get(urlPathEqualTo("/realms/hostile/protocol/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?error=access_denied&iss=" + iss + "&iss=" + iss
                        + "&state={{request.query.state}}")
                .withTransformers("response-template")));
        Cli.Running login = new Cli(home).start("login", "--issuer", issuer, "--client-id", "cli", "--no-browser", "--timeout", "5s");

        int page = provider.follow(login.awaitStderr(signInUrl(), WAIT));
        Cli.Result result = login.await(WAIT);

        assertThat(page).as("the listener's answer to the browser").isEqualTo(400);
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(5); // it kept waiting for a genuine answer
        assertThat(result.stderr()).contains("No sign-in arrived").doesNotContain("access_denied");
    }

    private Pattern signInUrl() {
        return Pattern.compile("^\\s+(" + Pattern.quote(base + "/authorize?") + "\\S+)$");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** No C0 control but the newline, no DEL or C1, no format character (bidi overrides and isolates among them). */
    static void assertNothingATerminalObeys(String output) {
        assertThat(output.codePoints()).as("control or format characters in:%n%s", output)
                .noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || Character.getType(c) == Character.FORMAT);
    }
}
