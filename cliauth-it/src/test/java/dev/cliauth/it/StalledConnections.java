package dev.cliauth.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections to a local port that stall, kept at a number for as long as this is open: half of them send one byte of
 * a request and wait, half send nothing. One the listener closes (its time for a request head is up) is opened again
 * at once, so the listener always has this many stalled connections while something else happens.
 */
final class StalledConnections implements AutoCloseable {
    private final int port;
    private final Selector selector;
    private final Thread thread;
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    StalledConnections(int port, int count) throws IOException {
        this.port = port;
        this.selector = Selector.open();
        for (int i = 0; i < count; i++) {
            open(i % 2 == 0);
        }
        thread = new Thread(this::keep, "stalled-connections");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many connections were opened in all, the first ones and those opened again. */
    int opened() {
        return opened.get();
    }

    private void open(boolean oneByte) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        if (oneByte) {
            channel.write(ByteBuffer.wrap("G".getBytes(StandardCharsets.US_ASCII)));
        }
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, oneByte);
        opened.incrementAndGet();
    }

    private void keep() {
        ByteBuffer discard = ByteBuffer.allocate(4096);
        try {
            while (!closed) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    discard.clear();
                    int n;
                    try {
                        n = channel.read(discard);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) { // the listener gave up on it: stall again with a new one
                        key.cancel();
                        channel.close();
                        if (!closed) {
                            open((Boolean) key.attachment());
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            // the listener went away (the login ended): nothing left to stall
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
