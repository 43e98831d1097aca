package dev.cliauth.core.net;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A TLS-intercepting network: a provider with a certificate from a private CA, and an HTTP proxy in the way. */
class ProxyAndCustomCaTest {
    @TempDir
    Path dir;

    @Test
    void anUntrustedCertificateIsAClearErrorAndTheCaBundleFixesIt() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("ca.pem");
        run("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        run("keytool", "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", pem.toString());
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keystore)));
        String issuer = "https://127.0.0.1:" + server.getAddress().getPort() + "/realms/corp";
        server.createContext("/", exchange -> {
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\"" + issuer
                    + "/token\",\"jwks_uri\":\"" + issuer + "/certs\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> new Discovery(new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(5))).discover(URI.create(issuer)));
            assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("TLS certificate of 127.0.0.1 is not trusted").contains("--ca-file").contains("SSL_CERT_FILE");

            OAuthHttp trusting = new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), line -> { }, TrustedCertificates.withBundle(pem));
            assertThat(new Discovery(trusting).discover(URI.create(issuer)).getIssuer().getValue()).isEqualTo(issuer);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingOrEmptyBundleIsAConfigurationError() throws Exception {
        assertThat(catchThrowableOfType(CliauthException.class, () -> TrustedCertificates.withBundle(dir.resolve("none.pem"))).getMessage())
                .contains("does not exist");
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.pem"), "not a certificate");
        assertThat(catchThrowableOfType(CliauthException.class, () -> TrustedCertificates.withBundle(empty)).failure())
                .isEqualTo(Failure.CONFIGURATION);
    }

    @Test
    void aLoopbackProviderIsReachedDirectlyWhileOtherHostsGoThroughTheProxy() throws Exception {
        // A proxy stand-in that records what it is asked for and answers every request itself.
        List<String> proxied = Collections.synchronizedList(new ArrayList<>());
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        proxy.createContext("/", exchange -> {
            proxied.add(exchange.getRequestURI().toString()); // a proxy receives the absolute URI
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        proxy.start();
        ProxySelector original = ProxySelector.getDefault();
        try (FakeProvider provider = new FakeProvider()) {
            ProxySelector.setDefault(new EnvironmentProxySelector(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort(),
                    "HTTPS_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort())));
            Fixtures f = new Fixtures(dir);

            // a sign-in (discovery, PAR-less authorization, the code redeemed) and a refresh, all at 127.0.0.1
            Session session = f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
            TokenResult refreshed = new TokenClient(f.http, f.clock).refresh(URI.create(provider.issuer() + "/protocol/openid-connect/token"), FakeProvider.CLIENT_ID,
                    session.tokens().refreshToken().orElseThrow());

            assertThat(refreshed).isInstanceOf(TokenResult.Issued.class);
            assertThat(provider.requestsTo("/token")).hasSize(2);
            assertThat(proxied).as("requests the proxy saw").isEmpty();

            // and the proxy is in force for anything else
            f.http.send(new HTTPRequest(HTTPRequest.Method.GET, URI.create("http://id.example.test/realms/x")), "probe");
            assertThat(proxied).containsExactly("http://id.example.test/realms/x");
        } finally {
            ProxySelector.setDefault(original);
            proxy.stop(0);
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void run(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of(command));
        full.set(0, Path.of(System.getProperty("java.home"), "bin", command[0]).toString());
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
