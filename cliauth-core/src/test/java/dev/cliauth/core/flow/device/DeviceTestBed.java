package dev.cliauth.core.flow.device;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.oauth.IdTokenVerifier;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.testing.RecordingTerminal;
import dev.cliauth.core.testing.TestClock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A scripted provider on 127.0.0.1 (WireMock) and the device login wired to it, with time that passes only when the
 * login sleeps: the sleeper records each requested wait and advances the clock by it.
 */
final class DeviceTestBed implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    static final String CLIENT_ID = "test-cli";
    static final String DEVICE_CODE = "dc-SECRET-7f3a9c2e41";
    static final String USER_CODE = "WDJB-MJHT";
    static final String HOST = "build-box-7";
    static final String DEVICE_PATH = "/realms/test/protocol/openid-connect/auth/device";
    static final String TOKEN_PATH = "/realms/test/protocol/openid-connect/token";
    static final String JWKS_PATH = "/realms/test/protocol/openid-connect/certs";

    final WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final TestClock clock = new TestClock(START);
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };
    final RecordingTerminal terminal = new RecordingTerminal();
    final List<String> lines = terminal.lines;
    /** What was shown as a status line, which a terminal may rewrite in place (the countdown). */
    final List<String> statuses = terminal.statuses;
    final List<URI> opened = Collections.synchronizedList(new ArrayList<>());
    final BrowserLauncher browser = url -> {
        opened.add(url);
        return true;
    };
    final OAuthHttp http = new OAuthHttp(Duration.ofSeconds(2), Duration.ofSeconds(5));

    DeviceTestBed() {
        provider.start();
    }

    String base() {
        return "http://127.0.0.1:" + provider.port();
    }

    URI issuer() {
        return URI.create(base() + "/realms/test");
    }

    /** A profile asking for a scope without {@code openid}, so no ID token is needed. */
    Profile profile() {
        return Profile.of("test", issuer(), CLIENT_ID).withScope("profile email");
    }

    DeviceLogin login() {
        return login(sleeper);
    }

    DeviceLogin login(Sleeper sleeper) {
        return new DeviceLogin(new TokenClient(http, clock), http, new Sessions(new IdTokenVerifier(http, 60), clock), browser, terminal,
                clock, sleeper, HOST);
    }

    OIDCProviderMetadata metadata() {
        return metadata(json -> {
        });
    }

    /** Discovery metadata pointing at this provider; {@code tweak} may change or remove entries. */
    OIDCProviderMetadata metadata(Consumer<Map<String, Object>> tweak) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer().toString());
        json.put("authorization_endpoint", base() + "/realms/test/protocol/openid-connect/auth");
        json.put("token_endpoint", base() + TOKEN_PATH);
        json.put("device_authorization_endpoint", base() + DEVICE_PATH);
        json.put("jwks_uri", base() + JWKS_PATH);
        json.put("response_types_supported", List.of("code"));
        json.put("subject_types_supported", List.of("public"));
        json.put("id_token_signing_alg_values_supported", List.of("RS256"));
        json.put("code_challenge_methods_supported", List.of("S256"));
        tweak.accept(json);
        try {
            return OIDCProviderMetadata.parse(new net.minidev.json.JSONObject(json));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The device authorization endpoint answers {@code answer}. */
    void deviceAnswers(ResponseDefinitionBuilder answer) {
        provider.stubFor(post(urlPathEqualTo(DEVICE_PATH)).willReturn(answer));
    }

    /** Codes with a complete verification URI and the provider's default interval (none stated). */
    void issuesCodes(int expiresIn) {
        deviceAnswers(codes(expiresIn, null, true));
    }

    /** A device authorization response (RFC 8628 §3.2). */
    ResponseDefinitionBuilder codes(int expiresIn, Integer interval, boolean complete) {
        StringBuilder json = new StringBuilder("{\"device_code\":\"" + DEVICE_CODE + "\",\"user_code\":\"" + USER_CODE + "\"")
                .append(",\"verification_uri\":\"").append(verificationUri()).append('"')
                .append(",\"expires_in\":").append(expiresIn);
        if (complete) {
            json.append(",\"verification_uri_complete\":\"").append(verificationUriComplete()).append('"');
        }
        if (interval != null) {
            json.append(",\"interval\":").append(interval);
        }
        return json(200, json.append('}').toString());
    }

    String verificationUri() {
        return base() + "/realms/test/device";
    }

    String verificationUriComplete() {
        return verificationUri() + "?user_code=" + USER_CODE;
    }

    /**
     * The token endpoint answers the polls in this order (a WireMock scenario); the last answer repeats.
     */
    void pollsAnswer(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder stub = post(urlPathEqualTo(TOKEN_PATH)).inScenario("polls")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll " + i)
                    .willReturn(answers[i]);
            if (i + 1 < answers.length) {
                stub = stub.willSetStateTo("poll " + (i + 1));
            }
            provider.stubFor(stub);
        }
    }

    static ResponseDefinitionBuilder oauthError(int status, String error, String description) {
        String body = description == null ? "{\"error\":\"" + error + "\"}"
                : "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
        return json(status, body);
    }

    static ResponseDefinitionBuilder pending() {
        return oauthError(400, "authorization_pending", "The authorization request is still pending");
    }

    static ResponseDefinitionBuilder slowDown() {
        return oauthError(400, "slow_down", "Polling too fast");
    }

    static ResponseDefinitionBuilder tokens() {
        return json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"rt-1\"}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The form parameters of every request to {@code path}, in order. */
    List<Map<String, List<String>>> formsSentTo(String path) {
        return provider.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(request -> URLUtils.parseParameters(request.getBodyAsString()))
                .toList();
    }

    List<Map<String, List<String>>> polls() {
        return formsSentTo(TOKEN_PATH);
    }

    int requestCount() {
        return provider.findAll(anyRequestedFor(anyUrl())).size();
    }

    String output() {
        return String.join("\n", lines);
    }

    static List<Duration> seconds(long... values) {
        List<Duration> durations = new ArrayList<>();
        for (long value : values) {
            durations.add(Duration.ofSeconds(value));
        }
        return durations;
    }

    @Override
    public void close() {
        provider.stop();
    }
}
