package dev.cliauth.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A scripted stand-in for one big provider on 127.0.0.1 (WireMock). The tests stub each endpoint with the
 * responses the provider's documentation shows (citing the page); this class holds what they share: a real RSA key
 * with its JWKS, really signed ID tokens, an authorization endpoint that answers as if the person had signed in
 * (a 302 to the {@code redirect_uri} with a code and the request's {@code state}, by WireMock's response
 * templating), and a plain HTTP client that follows a sign-in URL the way a browser would.
 */
final class ProviderStandIn implements AutoCloseable {
    static final String CODE = "SplxlOBeZQQYbYS6WxSbIA";

    final WireMockServer server;
    private final RSAKey key;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;

    ProviderStandIn() {
        this(options().dynamicPort().bindAddress("127.0.0.1"), false, "127.0.0.1");
    }

    private ProviderStandIn(WireMockConfiguration options, boolean https, String host) {
        server = new WireMockServer(options);
        server.start();
        int port = https ? server.httpsPort() : server.port();
        root = (https ? "https://" : "http://") + host + ":" + port;
        try {
            key = new RSAKeyGenerator(2048).keyID("standin-" + port).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stand-in served over https at one of this machine's addresses that is not loopback, so that cliauth treats it
     * as a remote provider (loopback issuers are let off some rules); its certificate, for {@code --ca-file}, is written
     * to {@code dir/ca.pem}. Skips the test on a machine with no such address.
     */
    static ProviderStandIn httpsOffLoopback(Path dir) throws Exception {
        String address = NetworkInterface.networkInterfaces().filter(ProviderStandIn::up).filter(i -> !loopback(i))
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(address != null, "this machine has no address but loopback");
        Path keystore = dir.resolve("standin.p12");
        keytool("-genkeypair", "-alias", "standin", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + address, "-ext",
                "SAN=ip:" + address, "-validity", "2", "-keystore", keystore.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "standin", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", dir.resolve("ca.pem").toString());
        return new ProviderStandIn(options().httpDisabled(true).dynamicHttpsPort().bindAddress(address).keystorePath(keystore.toString())
                .keystoreType("PKCS12").keystorePassword("changeit").keyManagerPassword("changeit"), true, address);
    }

    private static boolean up(NetworkInterface i) {
        try {
            return i.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean loopback(NetworkInterface i) {
        try {
            return i.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    String root() {
        return root;
    }

    /** Serves the public key set at {@code path}. */
    void jwks(String path) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(key.toPublicJWK()).toString())));
    }

    /** Serves {@code document} as {@code issuerUrl}'s OpenID discovery document. */
    void discovery(String issuerPath, String document) {
        server.stubFor(get(urlPathEqualTo(issuerPath + "/.well-known/openid-configuration")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(document)));
    }

    /** A discovery document with the usual fields; {@code stated} is the issuer it states, endpoints live under {@code base}. */
    String document(String stated, String base, String extra) {
        return "{\"issuer\":\"" + stated + "\",\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                + "\"jwks_uri\":\"" + base + "/keys\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"code_challenge_methods_supported\":[\"S256\"]" + extra + "}";
    }

    /** The authorization endpoint signs the person in at once: 302 to the redirect URI with a code and the state. */
    void signsInAt(String path) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=" + CODE + "&state={{request.query.state}}")
                .withTransformers("response-template")));
    }

    /** An ID token signed by the stand-in's key. */
    String idToken(String issuer, String audience, String nonce, Consumer<JWTClaimsSet.Builder> more) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("user-7f3a").audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        more.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The query parameters of a URL, decoded. */
    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Opens the sign-in URL as a browser would: the provider's redirect, then the loopback callback it points at. */
    int follow(String signInUrl) throws IOException, InterruptedException {
        HttpResponse<String> authorize = browser.send(HttpRequest.newBuilder(URI.create(signInUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String location = authorize.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("the stand-in did not redirect: HTTP " + authorize.statusCode()));
        return browser.send(HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The form parameters of the requests to {@code path}, in order. */
    List<Map<String, String>> forms(String path) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest()).filter(r -> r.getUrl().startsWith(path))
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> query("http://x/?" + r.getBodyAsString())).toList();
    }

    /** The requests to {@code path}, in order. */
    List<LoggedRequest> requests(String path) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest()).filter(r -> r.getUrl().startsWith(path))
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
