package dev.cliauth.core.token.keychain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A keychain in a map, keyed "service/account", for tests of what sits on top of the seam. */
class MemoryKeychain implements Keychain {
    final Map<String, String> items = new LinkedHashMap<>();
    volatile boolean closed;

    @Override
    public synchronized Optional<String> get(String service, String account) {
        return Optional.ofNullable(items.get(service + "/" + account));
    }

    @Override
    public synchronized void set(String service, String account, String secret) {
        items.put(service + "/" + account, secret);
    }

    @Override
    public synchronized boolean delete(String service, String account) {
        return items.remove(service + "/" + account) != null;
    }

    @Override
    public String name() {
        return "Memory Keychain";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
