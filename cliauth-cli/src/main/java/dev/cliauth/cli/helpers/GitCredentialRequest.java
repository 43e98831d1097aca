package dev.cliauth.cli.helpers;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What git sends a credential helper on standard input (git-credential(1), "Input/Output Format"): {@code key=value}
 * lines up to a blank line or the end of input. Keys ending in {@code []} may repeat ({@code wwwauth[]},
 * {@code capability[]}); for the others the last value wins, as in git. Unknown keys are kept and ignored.
 *
 * @param attributes every value of every key, in the order git sent them
 */
public record GitCredentialRequest(Map<String, List<String>> attributes) {
    public GitCredentialRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = Collections.unmodifiableMap(copy);
    }

    public static GitCredentialRequest parse(Reader input) {
        BufferedReader reader = input instanceof BufferedReader b ? b : new BufferedReader(input);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        try {
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new CliauthException(Failure.CONFIGURATION, "git sent a credential line that is not key=value"
                            + " (cliauth is a git credential helper; see 'cliauth git-credential --help').");
                }
                String key = line.substring(0, eq);
                List<String> values = attributes.computeIfAbsent(key, k -> new ArrayList<>());
                if (!key.endsWith("[]")) {
                    values.clear();
                }
                values.add(line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot read git's credential request: " + e.getMessage(), e);
        }
        return new GitCredentialRequest(attributes);
    }

    public Optional<String> get(String key) {
        List<String> values = attributes.getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /**
     * Whether handing a token for this request would send it across the network unencrypted: plain {@code http} to a
     * host other than this machine's loopback.
     */
    public boolean isCleartextToAnotherHost() {
        return get("protocol").map(p -> p.equalsIgnoreCase("http")).orElse(false) && !isLoopback(hostWithoutPort());
    }

    /**
     * Whether a token may go to this request's server at all: {@code https}, or {@code http} to this machine's own
     * loopback (a local test server). Anything else — plain http across the network, another protocol, none — is
     * refused.
     */
    public boolean isSecureTransport() {
        String protocol = get("protocol").orElse("");
        return protocol.equalsIgnoreCase("https") || (protocol.equalsIgnoreCase("http") && isLoopback(hostWithoutPort()));
    }

    /** {@code host} without its {@code :port}; {@code [::1]:8080} gives {@code ::1}. */
    String hostWithoutPort() {
        String host = get("host").orElse("");
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
