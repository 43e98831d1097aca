package dev.cliauth.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Kubernetes API server stand-in on 127.0.0.1 over TLS (kubectl sends exec credentials only over TLS), with a
 * self-signed certificate made by {@code keytool} for IP 127.0.0.1. It answers the discovery kubectl does before
 * {@code get pods}, and the pod list, only to {@code Authorization: Bearer <the expected token>}; anything else gets 401.
 */
final class KubeApiStandIn implements AutoCloseable {
    static final String POD = "hello-from-the-stand-in";
    private static final String PASSWORD = "changeit";

    private final HttpsServer server;
    private final Path caFile;
    private final java.util.function.Predicate<String> accepts;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    /** @param expectedToken read on each request: the stored session's access token */
    KubeApiStandIn(Path dir, Supplier<String> expectedToken) throws Exception {
        this(dir, (java.util.function.Predicate<String>) token -> token.equals(expectedToken.get()));
    }

    /**
     * An API server that authenticates bearer tokens as its OIDC authenticator does ({@link KubeOidcAuthenticator}):
     * {@code --oidc-issuer-url} and {@code --oidc-client-id} as given.
     */
    static KubeApiStandIn oidc(Path dir, KubeOidcAuthenticator authenticator) throws Exception {
        return new KubeApiStandIn(dir, (java.util.function.Predicate<String>) token -> authenticator.authenticate(token).isPresent());
    }

    /** @param accepts whether a bearer token authenticates */
    private KubeApiStandIn(Path dir, java.util.function.Predicate<String> accepts) throws Exception {
        this.accepts = accepts;
        Path keyStore = dir.resolve("api-server.p12");
        caFile = dir.resolve("api-server-ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(keytool, "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        exec(keytool, "-exportcert", "-rfc", "-alias", "api", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file", caFile.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    Path caFile() {
        return caFile;
    }

    /** Every Authorization header received (empty string for none), in order. */
    List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).replace("null", "");
            authorizations.add(authorization);
            if (!authorization.startsWith("Bearer ") || !accepts.test(authorization.substring("Bearer ".length()))) {
                respond(exchange, 401, status(401, "Unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String body = switch (path) {
                case "/version" -> "{\"major\":\"1\",\"minor\":\"20\",\"gitVersion\":\"v1.20.2\",\"platform\":\"linux/amd64\"}";
                case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                        + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:" + server.getAddress().getPort() + "\"}]}";
                case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
                case "/api/v1" -> "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\",\"singularName\":\"pod\","
                        + "\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"po\"]}]}";
                case "/api/v1/namespaces/default/pods" -> "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},"
                        + "\"items\":[{\"metadata\":{\"name\":\"" + POD + "\",\"namespace\":\"default\",\"creationTimestamp\":\"2024-01-01T00:00:00Z\"},"
                        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]},\"status\":{\"phase\":\"Running\"}}]}";
                default -> null;
            };
            if (body == null) {
                respond(exchange, 404, status(404, "NotFound"));
            } else {
                respond(exchange, 200, body);
            }
        }
    }

    private static String status(int code, String reason) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + reason.toLowerCase()
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    private static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** A kubeconfig for this server whose user is cliauth as an exec plugin with the given profile. */
    String kubeconfig(Path cliauth, String profile, Map<String, String> pluginEnv) {
        return kubeconfig(cliauth.toString(), profile, pluginEnv, "");
    }

    /** As above, with the plugin's {@code command} as written: {@code cliauth} alone is looked up on kubectl's PATH. */
    String kubeconfig(String cliauth, String profile, Map<String, String> pluginEnv) {
        return kubeconfig(cliauth, profile, pluginEnv, "");
    }

    /** @param moreArgs more arguments for kube-credential, like ", --token-type, access" */
    String kubeconfig(Path cliauth, String profile, Map<String, String> pluginEnv, String moreArgs) {
        return kubeconfig(cliauth.toString(), profile, pluginEnv, moreArgs);
    }

    /** The kubeconfig, with {@code cliauth} as the plugin's command and {@code moreArgs} after its profile. */
    String kubeconfig(String cliauth, String profile, Map<String, String> pluginEnv, String moreArgs) {
        StringBuilder env = new StringBuilder();
        pluginEnv.forEach((k, v) -> env.append("      - name: ").append(k).append("\n        value: \"").append(v).append("\"\n"));
        return "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: stand-in\n"
                + "  cluster:\n"
                + "    server: " + url() + "\n"
                + "    certificate-authority: " + caFile + "\n"
                + "contexts:\n"
                + "- name: stand-in\n"
                + "  context:\n"
                + "    cluster: stand-in\n"
                + "    user: cliauth\n"
                + "    namespace: default\n"
                + "current-context: stand-in\n"
                + "users:\n"
                + "- name: cliauth\n"
                + "  user:\n"
                + "    exec:\n"
                // v1beta1: the newest version kubectl 1.20 (Debian's) knows; later kubectl still accepts it
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                + "      command: " + cliauth + "\n"
                + "      args: [kube-credential, --profile, " + profile + moreArgs + "]\n"
                + "      interactiveMode: Never\n"
                + "      env:\n" + env;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
