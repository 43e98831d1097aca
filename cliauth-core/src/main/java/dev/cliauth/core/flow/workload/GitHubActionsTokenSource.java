package dev.cliauth.core.flow.workload;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.IssuerUrl;
import dev.cliauth.core.oauth.OAuthHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GitHub Actions' OIDC token: {@code GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=AUD} with
 * {@code Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN}; the token is the JSON answer's {@code value}.
 * The runner sets both variables only for jobs with {@code permissions: id-token: write}. The request token is a
 * credential too, so it goes only over https (or to a loopback test server) and is never shown.
 */
public final class GitHubActionsTokenSource implements PlatformTokenSource {
    static final String URL_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_URL";
    static final String TOKEN_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    private final Map<String, String> env;
    private final OAuthHttp http;

    public GitHubActionsTokenSource(Map<String, String> env, OAuthHttp http) {
        this.env = env;
        this.http = http;
    }

    @Override
    public String name() {
        return "GitHub Actions";
    }

    @Override
    public String expects() {
        return "$" + URL_VARIABLE + " and $" + TOKEN_VARIABLE + " (GitHub Actions with 'permissions: id-token: write')";
    }

    @Override
    public boolean enabled() {
        return set(URL_VARIABLE) && set(TOKEN_VARIABLE);
    }

    @Override
    public PlatformToken provide(String audience) {
        if (!enabled()) {
            throw new CliauthException(Failure.CONFIGURATION, "No GitHub Actions ID token: expected " + expects() + ".");
        }
        URI url = url(env.get(URL_VARIABLE).trim(), audience);
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAuthorization("Bearer " + env.get(TOKEN_VARIABLE).trim());
        request.setAccept("application/json");
        HTTPResponse response = http.send(request, "GitHub Actions ID token request");
        if (response.getStatusCode() != 200) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "GitHub Actions' ID token endpoint answered HTTP " + response.getStatusCode()
                    + "; check the job's 'permissions: id-token: write' and retry.");
        }
        try {
            // parsed whatever the Content-Type says: only the shape matters
            String value = JSONObjectUtils.getNonBlankString(JSONObjectUtils.parse(response.getBody() == null ? "" : response.getBody()), "value");
            return new PlatformToken(value.trim(), name());
        } catch (ParseException e) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "GitHub Actions' ID token endpoint answered without a token"
                    + " (expected JSON with 'value').", e);
        }
    }

    private static URI url(String base, String audience) {
        URI url;
        try {
            String joined = audience == null || audience.isBlank() ? base
                    : base + (base.contains("?") ? "&" : "?") + "audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8);
            url = URI.create(joined);
        } catch (IllegalArgumentException e) {
            throw new CliauthException(Failure.CONFIGURATION, "$" + URL_VARIABLE + " is not a URL.");
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean loopback = "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null && IssuerUrl.isLoopback(url.getHost());
        if (!https && !loopback) {
            throw new CliauthException(Failure.CONFIGURATION, "$" + URL_VARIABLE + " must be an https URL; cliauth sends the request token nowhere else.");
        }
        return url;
    }

    private boolean set(String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
