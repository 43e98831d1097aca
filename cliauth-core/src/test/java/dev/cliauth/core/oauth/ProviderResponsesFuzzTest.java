package dev.cliauth.core.oauth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.flow.device.DeviceAuthorizationClient;
import dev.cliauth.core.token.TokenSet;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a provider — or something pretending to be one, or a proxy's error page — answers, cliauth's handling
 * of it ends in a value or a one-line {@link CliauthException}: never another exception, a hang, a message that
 * draws on the terminal, or a trace line with a control character in it. Each body is served as a JSON 200, a JSON
 * 400 and an HTML 502 to discovery, the token endpoint (code, refresh with DPoP, device poll, and in the GitHub,
 * Google and WorkOS dialects), device authorization, pushed authorization and revocation. A normal build runs the seeds under src/test/resources;
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=ProviderResponsesFuzzTest} fuzzes from them (Jazzer bounds each input's time
 * and memory and reports a hang or an out-of-memory as a finding).
 */
class ProviderResponsesFuzzTest {
    private static final URI ISSUER = URI.create("https://id.example.com/realms/acme");
    private static final URI TOKEN = URI.create("https://id.example.com/realms/acme/token");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final DpopKey KEY = DpopKey.generate();

    @FuzzTest(maxDuration = "60s")
    void answers(String body) {
        for (int status : new int[] {200, 400}) {
            exercise(respond(status, "application/json", body));
        }
        exercise(respond(502, "text/html; charset=utf-8", body));
    }

    private static HTTPResponse respond(int status, String contentType, String body) {
        HTTPResponse response = new HTTPResponse(status);
        response.setHeader("Content-Type", contentType);
        response.setBody(body);
        return response;
    }

    private static void exercise(HTTPResponse response) {
        List<String> trace = new ArrayList<>();
        OAuthHttp http = OAuthHttp.over(request -> response, trace::add);
        TokenClient tokens = new TokenClient(http, CLOCK);

        survives(() -> new Discovery(http).discover(ISSUER));
        survives(() -> checked(tokens.redeem(TOKEN, "cliauth", new AuthorizationCode("c0de"), URI.create("http://127.0.0.1:4000/callback"),
                new CodeVerifier())));
        survives(() -> checked(tokens.refresh(TOKEN, "cliauth", "rt-1", KEY)));
        survives(() -> checked(tokens.pollDevice(TOKEN, "cliauth", new DeviceCode("dc-1"), new CodeVerifier())));
        // the provider dialects: GitHub (errors in a 200, JSON on request), Google (installed-app secret), WorkOS (untyped tokens)
        TokenClient dialects = tokens.with(new TokenEndpointOptions(Optional.of("installed-app-secret"), true, true, true));
        survives(() -> checked(dialects.pollDevice(TOKEN, "cliauth", new DeviceCode("dc-1"), null)));
        survives(() -> checked(dialects.refresh(TOKEN, "cliauth", "rt-1")));
        survives(() -> new DeviceAuthorizationClient(http).request(URI.create("https://id.example.com/device"), "cliauth", "openid",
                new CodeVerifier()));
        survives(() -> new PushedAuthorization(http).push(URI.create("https://id.example.com/par"),
                new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID("cliauth")).build()));
        survives(() -> new Revocation(http).revoke(URI.create("https://id.example.com/revoke"), "cliauth", "rt-1"));

        for (String line : trace) {
            assertThat(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("a trace line without control characters").isTrue();
        }
    }

    private static Object checked(TokenResult result) {
        if (result instanceof TokenResult.Issued issued) {
            TokenSet set = issued.tokens();
            assertThat(set.accessToken()).isNotEmpty();
        } else {
            String summary = ((TokenResult.Rejected) result).summary();
            assertThat(summary).doesNotContain("\n", "\r", "\u001b");
        }
        return result;
    }

    private static void survives(Supplier<Object> call) {
        try {
            assertThat(call.get()).isNotNull();
        } catch (CliauthException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r", "\u001b");
        }
    }
}
