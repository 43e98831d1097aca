package dev.cliauth.core.net;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Whether a host is this machine's loopback interface: {@code localhost} and its subdomains (RFC 6761 §6.3), an address
 * in 127.0.0.0/8, or {@code ::1}; decided from the text alone, never with a DNS lookup (a name that needs DNS is not
 * loopback, as a resolver could answer anything).
 */
public final class LoopbackHost {
    private LoopbackHost() {
    }

    /** @param host a host name or an address literal, IPv6 in brackets or not */
    public static boolean is(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name that would need DNS
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup happens
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
