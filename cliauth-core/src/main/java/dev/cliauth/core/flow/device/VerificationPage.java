package dev.cliauth.core.flow.device;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.IssuerUrl;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pages of a device authorization (RFC 8628 §3.2 {@code verification_uri}, §3.3.1 {@code verification_uri_complete}),
 * checked before the person sees either. They are the device flow's phishing surface (§5.4): the person types a code, and
 * signs in, wherever this answer says. So both must be https (unless the issuer itself is on loopback), and when a page
 * is on another host than the issuer's, the prompt says so before showing it. Only a page that passed is printed, opened
 * or drawn as a QR code.
 *
 * <p>"Another host" is compared by DNS name: the same host, or one the other's parent domain (whoever holds a domain
 * holds its subdomains). Registrable domains would need the Public Suffix List, which cliauth does not carry, so sibling
 * hosts such as {@code accounts.google.com} and {@code www.google.com} are reported as different: a plain note too many
 * rather than a silence too many.
 *
 * @param uri       where the person enters the code
 * @param complete  that page with the code already in it, when offered
 * @param elsewhere the note for the person when a page is on another host than the issuer's
 */
record VerificationPage(URI uri, Optional<URI> complete, Optional<String> elsewhere) {

    static VerificationPage check(URI issuer, DeviceAuthorization authorization) {
        URI uri = authorization.verificationUri();
        Optional<URI> complete = authorization.verificationUriComplete();
        require(issuer, "verification_uri", uri);
        complete.ifPresent(page -> require(issuer, "verification_uri_complete", page));
        Set<String> otherHosts = new LinkedHashSet<>();
        Stream.concat(Stream.of(uri), complete.stream())
                .filter(page -> !sameSite(issuer.getHost(), page.getHost()))
                .forEach(page -> otherHosts.add(page.getHost() == null ? page.toString() : page.getHost()));
        Optional<String> elsewhere = otherHosts.isEmpty() ? Optional.empty()
                : Optional.of("Note: the code is entered at " + String.join(" and ", otherHosts) + ", not at " + issuer.getHost()
                + ", the provider's own address. Enter it there only if you expected this provider to send you to that site.");
        return new VerificationPage(uri, complete, elsewhere);
    }

    /** The page to open or show as a QR code: the complete one when offered, as it spares the person typing. */
    URI toOpen() {
        return complete.orElse(uri);
    }

    private static void require(URI issuer, String name, URI page) {
        if (!IssuerUrl.allows(issuer, page)) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider's device authorization answer names " + name + " " + page
                    + ", which is not https; cliauth does not show it (a code entered there could be read on the way). Nothing was stored.");
        }
    }

    static boolean sameSite(String issuerHost, String pageHost) {
        if (issuerHost == null || pageHost == null) {
            return false;
        }
        String a = issuerHost.toLowerCase(Locale.ROOT);
        String b = pageHost.toLowerCase(Locale.ROOT);
        if (a.equals(b)) {
            return true;
        }
        boolean names = !a.matches("[0-9.]+|\\[.*]") && !b.matches("[0-9.]+|\\[.*]");
        return names && (a.endsWith("." + b) || b.endsWith("." + a));
    }
}
