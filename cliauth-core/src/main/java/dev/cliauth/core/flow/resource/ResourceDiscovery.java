package dev.cliauth.core.flow.resource;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.Problem;
import dev.cliauth.core.oauth.BearerChallenge;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.IssuerUrl;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.ProtectedResourceMetadata;
import dev.cliauth.core.oauth.ResourceUrl;
import dev.cliauth.core.oauth.UnexpectedBody;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyKey;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Follows a protected resource to its authorization server, reading only (GET requests; nothing is registered or
 * stored). Order:
 * <ol>
 *   <li>ask the resource without a token: a 401 whose {@code WWW-Authenticate: Bearer} names
 *       {@code resource_metadata} says where its metadata is (RFC 9728 §5.1); otherwise it is at
 *       {@code /.well-known/oauth-protected-resource} inserted before the resource's path (§3.1);</li>
 *   <li>read the metadata: its {@code resource} must be exactly the URL asked for (§3.3), else a document meant for
 *       another resource — or planted by someone else — would pick the server the sign-in goes to;</li>
 *   <li>choose the server: the one {@code --issuer} names, which must be among those listed; else the first the
 *       policy's {@code allowed_issuers} allows; each must be an acceptable issuer ({@code https}, or loopback);</li>
 *   <li>read the server's metadata (RFC 8414, else OpenID discovery); its {@code issuer} must be that server's.</li>
 * </ol>
 * Every address followed must be as safe as the resource: {@code https}, unless the resource is on loopback.
 */
public final class ResourceDiscovery {
    private final OAuthHttp http;
    private final Discovery discovery;

    public ResourceDiscovery(OAuthHttp http, Discovery discovery) {
        this.http = http;
        this.discovery = discovery;
    }

    /**
     * @param resource  the protected resource, as the person gave it
     * @param chosen    the authorization server the person chose ({@code --issuer}), if any
     * @param policy    the policy in force ({@code allowed_issuers} picks among several servers)
     * @param profile   the profile, for refusals
     */
    public ResourceChain discover(URI resource, Optional<URI> chosen, Policy policy, String profile) {
        ResourceUrl.check(resource);
        HTTPRequest probe = new HTTPRequest(HTTPRequest.Method.GET, resource);
        probe.setAccept("application/json, text/event-stream"); // an MCP endpoint answers either; with no token, a 401
        HTTPResponse answer = http.send(probe, "protected resource, without a token");
        Optional<BearerChallenge> challenge = answer.getStatusCode() == 401
                ? BearerChallenge.find(answer.getHeaderValues("WWW-Authenticate") == null ? List.of() : answer.getHeaderValues("WWW-Authenticate"))
                : Optional.empty();
        Optional<String> named = challenge.flatMap(BearerChallenge::resourceMetadata);
        URI metadataUrl = named.map(url -> followed(resource, url, "resource_metadata"))
                .orElseGet(() -> ResourceUrl.wellKnown(resource, "oauth-protected-resource"));
        String via = named.isPresent() ? "named by its 401 answer's WWW-Authenticate resource_metadata, RFC 9728 §5.1"
                : "its well-known address, RFC 9728 §3.1";
        ProtectedResourceMetadata metadata = read(resource, metadataUrl);
        if (metadata.authorizationServers().isEmpty()) {
            throw new CliauthException(Failure.CONFIGURATION, "The metadata of " + resource + " at " + metadataUrl
                    + " names no authorization server; give --issuer URL and --client-id ID to sign in to one directly.");
        }
        URI server;
        String because;
        List<URI> servers = metadata.authorizationServers();
        if (chosen.isPresent()) {
            if (!servers.contains(chosen.get())) {
                throw new CliauthException(Failure.CONFIGURATION, "The authorization server " + chosen.get() + " is not one the resource "
                        + resource + " names " + servers + "; give one of them with --issuer, or none.");
            }
            server = chosen.get();
            because = "chosen with --issuer among " + servers.size();
        } else {
            server = servers.stream().filter(s -> policy.allowsIssuer(s.toString())).findFirst()
                    .orElseThrow(() -> new CliauthException(new Problem.PolicyRefused(profile, PolicyKey.ALLOWED_ISSUERS.key(),
                            policy.originRefusing(servers.get(0).toString()), "Every authorization server of " + resource + " " + servers + " is refused")));
            because = servers.size() == 1 ? "the only one it names"
                    : "the first of the " + servers.size() + " it names" + (server.equals(servers.get(0)) ? "" : " that the policy allows")
                    + "; --issuer chooses another";
        }
        try {
            IssuerUrl.check(server);
        } catch (CliauthException e) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The metadata of " + resource + " names the authorization server " + server
                    + ", which is refused: " + e.getMessage() + " Nothing was stored.");
        }
        if (!IssuerUrl.allows(resource, server)) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The metadata of " + resource + " names the authorization server " + server
                    + ", which is not https although the resource is; nothing was sent to it.");
        }
        return new ResourceChain(resource, metadataUrl, via, metadata, challenge.flatMap(BearerChallenge::scope), server, because,
                discovery.discoverServer(server));
    }

    /** A URL the resource named, followed only when it is as safe as the resource itself. */
    private static URI followed(URI resource, String text, String what) {
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The 401 answer of " + resource + " names a " + what + " that is not a URL.");
        }
        if (!url.isAbsolute() || url.getHost() == null || !(url.getScheme().equalsIgnoreCase("https") || url.getScheme().equalsIgnoreCase("http"))
                || !IssuerUrl.allows(resource, url)) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The 401 answer of " + resource + " names " + what + " " + url
                    + ", which is not an https URL; it was not followed.");
        }
        return url;
    }

    /** Reads the metadata and checks it is about {@code resource} (RFC 9728 §3.3). */
    private ProtectedResourceMetadata read(URI resource, URI url) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAccept("application/json");
        HTTPResponse response = http.send(request, "protected resource metadata");
        if (response.getStatusCode() != 200 || UnexpectedBody.isNotJson(response)) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The protected resource " + resource + " publishes no metadata at " + url
                    + " (it answered " + (UnexpectedBody.isNotJson(response) ? UnexpectedBody.describe(response) : "HTTP " + response.getStatusCode())
                    + "); give --issuer URL and --client-id ID to sign in to its authorization server directly.");
        }
        ProtectedResourceMetadata metadata;
        try {
            metadata = ProtectedResourceMetadata.parse(response.getBodyAsJSONObject());
        } catch (ParseException | IllegalArgumentException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The metadata at " + url + " is not protected resource metadata (RFC 9728 §2): "
                    + e.getMessage());
        }
        if (!metadata.resource().toString().equals(resource.toString())) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The metadata at " + url + " is about the resource '" + metadata.resource()
                    + "', not '" + resource + "' (RFC 9728 §3.3); it was refused and nothing was stored.");
        }
        return metadata;
    }
}
