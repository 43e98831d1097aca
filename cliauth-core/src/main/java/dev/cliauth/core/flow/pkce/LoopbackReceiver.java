package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect URI's listener (RFC 8252 §7.3): bound to 127.0.0.1 only, on the given port or one the operating
 * system picks. It answers GET on its one path; a request for another host name (DNS rebinding), or with a wrong
 * or missing {@code state}, gets a 4xx and the login keeps waiting. The first genuine callback ends the wait.
 *
 * <p>Every connection is read by one selector thread without blocking, so no connection can hold up another: one
 * that sends a byte and waits, sends its head slowly, or sends nothing at all costs a file descriptor until its
 * {@link #HEAD_TIME} is up, and the browser's callback, arriving meanwhile on its own connection, is answered at once.
 * A request head is bounded in size ({@link #MAX_HEAD}) and time; at most {@link #MAX_CONNECTIONS} are open, and a
 * new one pushes out the oldest. (The JDK's {@code HttpServer}, used before, reads a request head on its executor
 * with no time limit of its own: one stalled connection on its one thread held the login until it timed out.)
 *
 * <p>Use it as {@code try (var receiver = LoopbackReceiver.start(...)) { ... receiver.await(timeout) ... }}.
 */
public final class LoopbackReceiver implements AutoCloseable {
    static final String PATH = "/callback";
    /** Far more than any code, state and iss need; bounds what a hostile page can make the listener parse. */
    static final int MAX_QUERY = 8192;
    /** The request line and headers together: the longest query, and room for a browser's headers (about 1 KiB). */
    static final int MAX_HEAD = MAX_QUERY + 8192;
    /** How long a connection may take from its opening to the end of its request head. */
    static final Duration HEAD_TIME = Duration.ofSeconds(10);
    /** Connections open at once; a browser uses a handful. */
    static final int MAX_CONNECTIONS = 128;
    /** After its answer, how long a connection may stay open for the browser to read it and close its side. */
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            405, "Method Not Allowed", 410, "Gone", 414, "URI Too Long", 431, "Request Header Fields Too Large");
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final ServerSocketChannel server;
    private final Selector selector;
    private final CallbackParser parser;
    private final long headNanos;
    private final CompletableFuture<Callback> result = new CompletableFuture<>();
    private final Set<Connection> connections = new LinkedHashSet<>(); // oldest first; the selector thread's own
    private final int port;
    private final Thread thread;
    private volatile boolean closed;

    private LoopbackReceiver(ServerSocketChannel server, Selector selector, CallbackParser parser, Duration headTime) throws IOException {
        this.server = server;
        this.selector = selector;
        this.parser = parser;
        this.headNanos = headTime.toNanos();
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        this.thread = new Thread(this::serve, "cliauth-loopback");
        this.thread.setDaemon(true);
    }

    /** Starts listening on 127.0.0.1:{@code port} (0: any free port). */
    public static LoopbackReceiver start(int port, CallbackParser parser) {
        return start(port, parser, HEAD_TIME);
    }

    /** As {@link #start(int, CallbackParser)}, with another limit on the time to a request head's end (tests). */
    static LoopbackReceiver start(int port, CallbackParser parser, Duration headTime) {
        ServerSocketChannel server = null;
        Selector selector = null;
        try {
            InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(loopback, port), MAX_CONNECTIONS);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            LoopbackReceiver receiver = new LoopbackReceiver(server, selector, parser, headTime);
            receiver.thread.start();
            return receiver;
        } catch (IOException e) {
            closeQuietly(server);
            closeQuietly(selector);
            if (e instanceof BindException) {
                throw new CliauthException(Failure.CONFIGURATION, "Port " + port + " on 127.0.0.1 is in use; choose another with --port, or leave --port out to let the system pick.", e);
            }
            throw new CliauthException(Failure.CONFIGURATION, "Cannot listen on 127.0.0.1:" + port + " for the login callback: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT/callback}: an IP literal, never {@code localhost} (RFC 8252 §8.3). */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    public int port() {
        return port;
    }

    /** Waits for the genuine callback: a code or a provider error. */
    public Callback await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliauthException(Failure.TIMEOUT, "No sign-in arrived within " + describe(timeout)
                    + "; run the command again (use --timeout to wait longer).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliauthException(Failure.CANCELLED, "Login cancelled.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Ends the wait from outside, e.g. when the person pastes the redirect instead. */
    public boolean complete(Callback callback) {
        return result.complete(callback);
    }

    /** Stops listening and closes every connection; the port is free when this returns. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The selector thread: accept, read heads, answer, and close what ran out of time, until {@link #close}. */
    private void serve() {
        try {
            while (!closed) {
                selector.select(closeExpired(System.nanoTime()));
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        step((Connection) key.attachment());
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the listener cannot go on; the login still ends by its timeout or a pasted address
        } finally {
            connections.forEach(Connection::closeChannel);
            connections.clear();
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    /** Closes the connections whose time is up; the milliseconds until the next one's is (0: none, wait for events). */
    private long closeExpired(long now) {
        long next = Long.MAX_VALUE;
        for (Iterator<Connection> it = connections.iterator(); it.hasNext(); ) {
            Connection connection = it.next();
            if (connection.deadline - now <= 0) {
                connection.closeChannel();
                it.remove();
            } else {
                next = Math.min(next, connection.deadline - now);
            }
        }
        return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (connections.size() >= MAX_CONNECTIONS) {
                Iterator<Connection> oldest = connections.iterator();
                oldest.next().closeChannel(); // a flood of connections pushes out its own, not the one arriving now
                oldest.remove();
            }
            channel.configureBlocking(false);
            Connection connection = new Connection(channel, System.nanoTime() + headNanos);
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            connections.add(connection);
        }
    }

    private void step(Connection connection) {
        try {
            if (connection.answer == null) {
                readHead(connection);
            } else if (connection.answer.hasRemaining()) {
                writeAnswer(connection);
            } else if (connection.channel.read(ByteBuffer.allocate(512)) < 0) {
                close(connection); // the browser read the answer and closed its side
            }
        } catch (IOException | RuntimeException e) {
            close(connection); // one broken connection ends only itself
        }
    }

    private void readHead(Connection connection) throws IOException {
        ByteBuffer in = connection.in;
        int from = Math.max(0, in.position() - END_OF_HEAD.length + 1);
        if (connection.channel.read(in) < 0) {
            close(connection);
            return;
        }
        int end = indexOf(in.array(), from, in.position(), END_OF_HEAD);
        if (end >= 0) {
            answer(connection, judge(Arrays.copyOf(in.array(), end)));
        } else if (!in.hasRemaining()) {
            boolean lineEnded = indexOf(in.array(), 0, in.position(), new byte[] {'\r', '\n'}) >= 0;
            answer(connection, lineEnded ? new Reply(431, "Too long", "This request is longer than any sign-in answer.")
                    : new Reply(414, "Too long", "This address is longer than any sign-in answer."));
        }
    }

    /** What to answer a complete request head, in the order the checks matter. */
    private Reply judge(byte[] headBytes) {
        Optional<RequestHead> parsed = RequestHead.parse(headBytes);
        if (parsed.isEmpty()) {
            return new Reply(400, "Bad request", "This listener only answers a browser's GET request.");
        }
        RequestHead head = parsed.get();
        if (!("127.0.0.1:" + port).equals(head.host())) {
            return new Reply(400, "Wrong address", "This listener only answers at http://127.0.0.1:" + port + ".");
        }
        String query = head.target().getRawQuery();
        if (query != null && query.length() > MAX_QUERY) {
            return new Reply(414, "Too long", "This address is longer than any sign-in answer.");
        }
        if (!PATH.equals(head.target().getRawPath())) {
            return new Reply(404, "Not found", "Nothing here.");
        }
        if (!head.method().equals("GET")) {
            return new Reply(405, "Method not allowed", "Only GET is answered here.");
        }
        if (result.isDone()) {
            return new Reply(410, "Already done", "This sign-in has already completed. You can close this tab.");
        }
        Callback callback = parser.parse(query);
        if (callback instanceof Callback.Rejected rejected) {
            return new Reply(400, "Not accepted", "This is not the answer to the sign-in cliauth is waiting for ("
                    + rejected.reason() + "). Start the sign-in from the link cliauth printed.");
        }
        if (callback instanceof Callback.ProviderError error) {
            return new Reply(200, "Sign-in failed", "The provider said: " + error.summary() + ". You can close this tab and return to the terminal.",
                    callback);
        }
        return new Reply(200, "Signed in", "You are signed in to cliauth. You can close this tab and return to the terminal.", callback);
    }

    private void answer(Connection connection, Reply reply) throws IOException {
        connection.answer = ByteBuffer.wrap(reply.bytes());
        connection.genuine = reply.genuine();
        connection.deadline = System.nanoTime() + LINGER.toNanos();
        connection.key.interestOps(SelectionKey.OP_WRITE);
        writeAnswer(connection);
    }

    private void writeAnswer(Connection connection) throws IOException {
        connection.channel.write(connection.answer);
        if (connection.answer.hasRemaining()) {
            return; // the rest when the socket can take it
        }
        connection.channel.shutdownOutput(); // the page is whole; the browser closes its side on reading it
        connection.key.interestOps(SelectionKey.OP_READ);
        if (connection.genuine != null) {
            result.complete(connection.genuine); // after the page is on its way, so the login may close the listener now
        }
    }

    private void close(Connection connection) {
        connection.closeChannel();
        connections.remove(connection);
    }

    private static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        for (int i = from; i + pattern.length <= to; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }
    }

    /** One connection: its request head as it arrives, then its answer as it leaves. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
        SelectionKey key;
        long deadline;
        ByteBuffer answer;
        Callback genuine;

        Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        void closeChannel() {
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
        }
    }

    /** An answer page; {@code genuine} is the callback it answers when it is this login's. */
    private record Reply(int status, String title, String message, Callback genuine) {
        Reply(int status, String title, String message) {
            this(status, title, message, null);
        }

        /** A page that loads nothing, for no one else's eyes: not cached, not sent on as a referrer. */
        byte[] bytes() {
            String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>cliauth: " + escape(title) + "</title>"
                    + "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style></head>"
                    + "<body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body></html>";
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " " + REASONS.get(status) + "\r\n"
                    + "Content-Type: text/html; charset=utf-8\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Referrer-Policy: no-referrer\r\n"
                    + "X-Content-Type-Options: nosniff\r\n"
                    + "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                    + (status == 405 ? "Allow: GET\r\n" : "")
                    + "Connection: close\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + "m" : seconds + "s";
    }
}
