package dev.cliauth.core.net;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proxies as command-line tools read them from the environment: {@code HTTPS_PROXY} for https URLs,
 * {@code HTTP_PROXY} for http, lower-case forms too, and {@code NO_PROXY} (comma-separated hosts or domain
 * suffixes, {@code .example.com} or {@code example.com} for the domain and its subdomains, {@code *} for all,
 * an optional {@code :port}), the way curl reads them. Plain HTTP proxies only (CONNECT for https).
 *
 * <p>A loopback host (127.0.0.0/8, {@code ::1}, {@code localhost}) is always reached directly, whatever
 * {@code NO_PROXY} says, as the JDK's own default ({@code http.nonProxyHosts}) has it: a proxy cannot reach this
 * machine's loopback interface anyway, and a code or refresh token sent to a loopback provider must not travel to it.
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private final Optional<InetSocketAddress> httpsProxy;
    private final Optional<InetSocketAddress> httpProxy;
    private final List<String> noProxy;

    public EnvironmentProxySelector(Map<String, String> env) {
        this.httpsProxy = address(first(env, "HTTPS_PROXY", "https_proxy"));
        this.httpProxy = address(first(env, "HTTP_PROXY", "http_proxy"));
        List<String> entries = new ArrayList<>();
        for (String entry : first(env, "NO_PROXY", "no_proxy").orElse("").split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.trim().toLowerCase(Locale.ROOT));
            }
        }
        this.noProxy = List.copyOf(entries);
    }

    /** Whether the environment names any proxy at all (then this selector is worth installing). */
    public boolean configured() {
        return httpsProxy.isPresent() || httpProxy.isPresent();
    }

    @Override
    public List<Proxy> select(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<InetSocketAddress> proxy = scheme.equals("https") ? httpsProxy : scheme.equals("http") ? httpProxy : Optional.empty();
        if (proxy.isEmpty() || LoopbackHost.is(uri.getHost()) || bypassed(uri)) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(new Proxy(Proxy.Type.HTTP, proxy.get()));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // no fallback list to reorder: the error reaches the person through OAuthHttp's message
    }

    boolean bypassed(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String name = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && !entry.contains("]") && entry.indexOf(':') == colon && entry.substring(colon + 1).matches("\\d+")) {
                if (Integer.parseInt(entry.substring(colon + 1)) != port) {
                    continue;
                }
                name = entry.substring(0, colon);
            }
            name = name.startsWith(".") ? name.substring(1) : name;
            if (host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> first(Map<String, String> env, String upper, String lower) {
        String value = env.get(upper);
        if (value == null || value.isBlank()) {
            value = env.get(lower);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<InetSocketAddress> address(Optional<String> value) {
        return value.map(v -> {
            URI uri;
            // a value is never quoted back whole: it may carry a password (http://user:secret@proxy:3128)
            try {
                uri = new URI(v.contains("://") ? v : "http://" + v);
            } catch (java.net.URISyntaxException e) {
                throw new CliauthException(Failure.CONFIGURATION, "A proxy setting (HTTPS_PROXY, HTTP_PROXY) is not a URL; write it like"
                        + " http://proxy.example.com:3128.");
            }
            if (uri.getRawUserInfo() != null) {
                // The JDK would drop them silently (and refuses Basic credentials on CONNECT tunnels by default): say so
                // rather than fail later with a 407 that looks like a network problem.
                throw new CliauthException(Failure.CONFIGURATION, "The proxy setting for " + uri.getHost() + " carries credentials (user:password@),"
                        + " which cliauth does not send to proxies; use a proxy that needs none here (a local forwarder such as cntlm or"
                        + " px), or NO_PROXY for the provider.");
            }
            if (uri.getHost() == null) {
                throw new CliauthException(Failure.CONFIGURATION, "A proxy setting (HTTPS_PROXY, HTTP_PROXY) is not a proxy URL; write it like"
                        + " http://proxy.example.com:3128.");
            }
            return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort());
        });
    }
}
