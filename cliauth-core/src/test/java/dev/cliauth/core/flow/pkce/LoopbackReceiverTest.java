package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoopbackReceiverTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void listensOnlyOn127001WithAnIpLiteralRedirect() {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"))) {
            assertThat(receiver.redirectUri().toString()).isEqualTo("http://127.0.0.1:" + receiver.port() + "/callback");
            assertThat(receiver.port()).isPositive();
        }
    }

    @Test
    void aGenuineCallbackGetsAPrivateSuccessPageAndEndsTheWait() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"))) {
            HttpResponse<String> response = get(receiver.redirectUri() + "?code=c&state=s");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("signed in");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(receiver.await(Duration.ofSeconds(5))).isInstanceOf(Callback.Granted.class);

            assertThat(get(receiver.redirectUri() + "?code=c2&state=s").statusCode()).isEqualTo(410);
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"))) {
            String base = "http://127.0.0.1:" + receiver.port();
            assertThat(get(base + "/other?code=c&state=s").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/callback?code=c&state=s"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get(base + "/callback?code=c&state=wrong").statusCode()).isEqualTo(400);
            receiver.complete(new Callback.Rejected("test over"));
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws Exception {
        // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example:PORT.
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"))) {
            String status = rawRequest(receiver.port(), "GET /callback?code=c&state=s HTTP/1.1\r\nHost: evil.example:" + receiver.port()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(status).startsWith("HTTP/1.1 400");
            assertThat(receiver.complete(new Callback.Rejected("still waiting"))).isTrue();
        }
    }

    @Test
    void providerErrorTextIsEscapedInThePage() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"))) {
            HttpResponse<String> response = get(receiver.redirectUri() + "?error=x&error_description=%3Cscript%3E&state=s");
            assertThat(response.body()).doesNotContain("<script>").contains("&lt;script&gt;");
            assertThat(receiver.await(Duration.ofSeconds(5))).isEqualTo(new Callback.ProviderError("x", "<script>"));
        }
    }

    @Test
    void anErrorWithARepeatedIssIsRefusedAndTheLoginKeepsWaiting() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"))) {
            assertThat(get(receiver.redirectUri() + "?error=access_denied&iss=https%3A%2F%2Fa&iss=https%3A%2F%2Fa&state=s").statusCode()).isEqualTo(400);
            assertThat(get(receiver.redirectUri() + "?error=access_denied&iss=https%3A%2F%2Fa&state=s").statusCode()).isEqualTo(200);
            assertThat(receiver.await(Duration.ofSeconds(5))).isEqualTo(new Callback.ProviderError("access_denied", null, "https://a"));
        }
    }

    @Test
    void aBusyPortIsAConfigurationError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> LoopbackReceiver.start(busy.getLocalPort(), new CallbackParser("s")));
            assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
            assertThat(e.getMessage()).contains("--port");
        }
    }

    @Test
    void durationsAreDescribedAsPeopleWriteThem() {
        assertThat(LoopbackReceiver.describe(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(LoopbackReceiver.describe(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rawRequest(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
