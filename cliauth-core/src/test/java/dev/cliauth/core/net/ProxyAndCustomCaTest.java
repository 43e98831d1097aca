package dev.cliauth.core.net;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.testing.FakeProvider;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void requestsGoThroughTheProxyFromTheEnvironment() throws Exception {
        List<String> proxied = Collections.synchronizedList(new ArrayList<>());
        HttpClient upstream = HttpClient.newHttpClient();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        proxy.createContext("/", exchange -> {
            URI target = exchange.getRequestURI(); // a proxy receives the absolute URI
            proxied.add(target.toString());
            try {
                HttpResponse<byte[]> response = upstream.send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type", response.headers().firstValue("Content-Type").orElse("application/json"));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        ProxySelector original = ProxySelector.getDefault();
        try (FakeProvider provider = new FakeProvider()) {
            ProxySelector.setDefault(new EnvironmentProxySelector(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort())));
            var metadata = new Discovery(new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(5))).discover(provider.issuer());
            assertThat(metadata.getIssuer().getValue()).isEqualTo(provider.issuer().toString());
            assertThat(proxied).containsExactly(provider.issuer() + "/.well-known/openid-configuration");
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
