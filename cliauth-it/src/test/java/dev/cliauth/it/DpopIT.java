package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** DPoP (RFC 9449) against the dev IdP's Keycloak, where DPoP is on by default. */
class DpopIT {
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void dpopBoundTokensRefreshWithProofsAndKeycloakAcceptsOurProofAtUserinfo() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--profile", "bound", "--issuer", issuer, "--client-id", "cliauth", "--no-browser", "--dpop", "--verbose");
        BrowserSignIn.completeIn(login);
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        Map<String, Object> status = JSONObjectUtils.parse(cli.run(LOGIN_WAIT, "status", "--profile", "bound", "--json").stdout());
        assertThat(status).containsEntry("token_type", "DPoP");
        String jkt = (String) status.get("dpop_jkt");
        String token = cli.run(LOGIN_WAIT, "token", "--profile", "bound").stdout().strip();
        assertThat(JWTParser.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", jkt);

        // refresh: Keycloak demands a proof with the same key for a DPoP-bound refresh token
        Path sessionFile = cli.stateDir().resolve("sessions/bound.json");
        Map<String, Object> json = new LinkedHashMap<>(JSONObjectUtils.parse(Files.readString(sessionFile)));
        json.put("expires_at", Instant.now().getEpochSecond() - 10);
        Files.writeString(sessionFile, JSONObjectUtils.toJSONString(json));
        Cli.Result refreshed = cli.run(LOGIN_WAIT, "token", "--profile", "bound");
        assertThat(refreshed.exitCode()).as(refreshed.stderr()).isZero();
        String newToken = refreshed.stdout().strip();
        assertThat(newToken).isNotEqualTo(token);
        assertThat(JWTParser.parse(newToken).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", jkt);

        // a proof printed for a caller works at a real resource: Keycloak's userinfo endpoint
        String userinfo = issuer + "/protocol/openid-connect/userinfo";
        Cli.Result proof = cli.run(LOGIN_WAIT, "dpop-proof", "--profile", "bound", "--method", "GET", "--url", userinfo);
        assertThat(proof.exitCode()).as(proof.stderr()).isZero();
        SignedJWT proofJwt = SignedJWT.parse(proof.stdout().strip());
        assertThat(proofJwt.getHeader().getType().getType()).isEqualTo("dpop+jwt");
        assertThat(proofJwt.getJWTClaimsSet().getStringClaim("ath")).isNotBlank();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userinfo))
                .header("Authorization", "DPoP " + newToken).header("DPoP", proof.stdout().strip()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(answer.body())).containsEntry("preferred_username", "demo");
        // and the same token without a proof is refused: it is bound
        HttpResponse<String> stolen = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userinfo))
                .header("Authorization", "Bearer " + newToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stolen.statusCode()).isEqualTo(401);
    }

    @Test
    void theDeviceFlowBindsItsTokensTooWhenKeycloakIssuesThem() throws Exception {
        Cli cli = new Cli(home);
        Cli.Running login = cli.start("login", "--profile", "device-bound", "--device", "--dpop", "--no-browser", "--issuer", issuer,
                "--client-id", "cliauth");
        String verification = login.awaitStderr(DeviceFlowIT.VERIFICATION_COMPLETE, LOGIN_WAIT);
        try (Browser browser = new Browser()) {
            browser.approveDevice(verification, "demo", "demo");
        }
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        Map<String, Object> status = JSONObjectUtils.parse(cli.run(LOGIN_WAIT, "status", "--profile", "device-bound", "--json").stdout());
        assertThat(status).containsEntry("grant", "device_code").containsEntry("token_type", "DPoP");
        String token = cli.run(LOGIN_WAIT, "token", "--profile", "device-bound").stdout().strip();
        // Keycloak bound the token to the key the polls' proofs carried, which the session keeps
        assertThat(JWTParser.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", status.get("dpop_jkt"));
    }
}
