package dev.cliauth.core.flow.pkce;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local connections that stall (one byte and then nothing, half a request head, nothing at all) never hold up the
 * browser's callback, and each is closed when its time for a request head is up. The receivers here get a head time
 * of minutes, so a listener that waited for the stalled connections would blow the generous bound the callback has.
 */
class LoopbackReceiverTakesTheCallbackWhileOtherConnectionsStallTest {
    /** Far longer than answering takes, far shorter than the head time: fails only if the callback waits for a stall. */
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final Duration LONG_HEAD_TIME = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(GENEROUS).build();
    private final List<Socket> stalled = new ArrayList<>();

    @AfterEach
    void closeStalled() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
    }

    @Test
    void theCallbackIsTakenPromptlyWhileFortyConnectionsStall() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"), LONG_HEAD_TIME)) {
            for (int i = 0; i < 20; i++) {
                stall(receiver.port(), "G"); // one byte, then nothing: the classic half-open request
            }
            for (int i = 0; i < 10; i++) {
                stall(receiver.port(), "GET /callback?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1:" + receiver.port() + "\r\n");
            }
            for (int i = 0; i < 10; i++) {
                stall(receiver.port(), ""); // connected, silent
            }

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(receiver.redirectUri() + "?code=c&state=s"))
                    .timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());
            Callback callback = receiver.await(Duration.ofMinutes(5)); // the login's own timeout: far beyond the bound

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(callback).isInstanceOf(Callback.Granted.class);
        }
    }

    @Test
    void aFloodOfIdleConnectionsPushesOutTheOldestNotTheCallback() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"), LONG_HEAD_TIME)) {
            for (int i = 0; i < LoopbackReceiver.MAX_CONNECTIONS + 20; i++) {
                stall(receiver.port(), i % 2 == 0 ? "G" : "");
            }

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(receiver.redirectUri() + "?code=c&state=s"))
                    .timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(receiver.await(Duration.ofMinutes(5))).isInstanceOf(Callback.Granted.class);
            assertThat(endOfStream(stalled.get(0))).as("the oldest connection was closed to make room").isTrue();
        }
    }

    @Test
    void aConnectionThatStallsIsClosedWhenItsHeadTimeIsUp() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"), Duration.ofMillis(300))) {
            Socket oneByte = stall(receiver.port(), "G");
            Socket silent = stall(receiver.port(), "");
            Socket slowHead = stall(receiver.port(), "GET /callback?code=c&state=s HTTP/1.1\r\n");

            assertThat(endOfStream(oneByte)).isTrue();
            assertThat(endOfStream(silent)).isTrue();
            assertThat(endOfStream(slowHead)).isTrue();
            assertThat(receiver.complete(new Callback.Rejected("still waiting"))).as("nothing was taken as the callback").isTrue();
        }
    }

    @Test
    void aRequestHeadLongerThanTheBoundIsRefusedWithoutWaitingForItsEnd() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"), LONG_HEAD_TIME)) {
            String longHeader = "GET /callback?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1:" + receiver.port() + "\r\nX-Filler: "
                    + "a".repeat(LoopbackReceiver.MAX_HEAD);
            assertThat(statusLine(stall(receiver.port(), longHeader))).startsWith("HTTP/1.1 431");

            String longLine = "GET /callback?" + "a".repeat(LoopbackReceiver.MAX_HEAD);
            assertThat(statusLine(stall(receiver.port(), longLine))).startsWith("HTTP/1.1 414");
            assertThat(receiver.complete(new Callback.Rejected("still waiting"))).isTrue();
        }
    }

    @Test
    void malformedHeadsAreRefused() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new CallbackParser("s"), LONG_HEAD_TIME)) {
            String host = "Host: 127.0.0.1:" + receiver.port() + "\r\n";
            for (String head : List.of(
                    "GET /callback?code=c&state=s HTTP/1.1\r\n" + host + host + "\r\n",                            // two Hosts
                    "GET /callback?code=c&state=s HTTP/1.1\r\n\r\n",                                                // no Host
                    "GET http://127.0.0.1:" + receiver.port() + "/callback?code=c&state=s HTTP/1.1\r\n" + host + "\r\n", // proxy form
                    "GET /callback?code=c&state=s HTTP/1.1\r\nX: y\r\n folded\r\n" + host + "\r\n",                // obs-fold
                    "GET /callback?code=c&state=s HTTP/1.1\r\nHost : 127.0.0.1:" + receiver.port() + "\r\n\r\n",  // space before colon
                    "GET /callback?code=c&state=s\r\n" + host + "\r\n")) {                                          // no version
                assertThat(statusLine(stall(receiver.port(), head))).as(head).startsWith("HTTP/1.1 400");
            }
            assertThat(receiver.complete(new Callback.Rejected("still waiting"))).as("none of them was taken").isTrue();
        }
    }

    /** A connection that sends {@code text} and then nothing more, kept open until the test ends. */
    private Socket stall(int port, String text) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        stalled.add(socket);
        if (!text.isEmpty()) {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return socket;
    }

    /** Whether the listener closed the connection (end of stream) within the generous bound. */
    private static boolean endOfStream(Socket socket) throws IOException {
        socket.setSoTimeout((int) GENEROUS.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true; // closed with data unread on our side: a reset is a close too
        }
    }

    private static String statusLine(Socket socket) throws IOException {
        socket.setSoTimeout((int) GENEROUS.toMillis());
        byte[] answer = socket.getInputStream().readNBytes(15);
        return new String(answer, StandardCharsets.US_ASCII);
    }
}
