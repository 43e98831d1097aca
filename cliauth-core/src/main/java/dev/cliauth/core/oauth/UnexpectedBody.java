package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what came back when a protocol endpoint answered with something other than JSON — a proxy's HTML error
 * page, a captive portal, a login page, plain text — without repeating the body, which may hold a code, a token or
 * a secret: only the status, the content type and, for HTML, a short cleaned-up {@code <title>}.
 */
public final class UnexpectedBody {
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>([^<]{1,200})</title>", Pattern.CASE_INSENSITIVE);
    private static final int MAX_TITLE = 60;

    private UnexpectedBody() {
    }

    /** Whether the body is something other than a JSON object (what every OAuth and OpenID answer is). */
    public static boolean isNotJson(HTTPResponse response) {
        String body = response.getBody();
        return body == null || !body.stripLeading().startsWith("{");
    }

    /** "HTTP 502 with text/html (a page titled "Bad Gateway")", or "HTTP 200 with an empty body". */
    public static String describe(HTTPResponse response) {
        String body = response.getBody();
        String type = response.getHeaderValue("Content-Type");
        String what = type == null || type.isBlank() ? "no content type" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder("HTTP ").append(response.getStatusCode());
        if (body == null || body.isBlank()) {
            return text.append(" with an empty body (").append(what).append(")").toString();
        }
        text.append(" with ").append(what);
        Matcher title = TITLE.matcher(body);
        if (title.find()) {
            String cleaned = title.group(1).replaceAll("[\\p{Cc}\\p{Cf}]", " ").replaceAll("&[a-zA-Z#0-9]+;", " ").replaceAll("\\s+", " ").trim();
            if (cleaned.length() > MAX_TITLE) {
                cleaned = cleaned.substring(0, MAX_TITLE) + "...";
            }
            if (!cleaned.isEmpty()) {
                text.append(" (a page titled \"").append(cleaned).append("\")");
            }
        } else if (what.contains("html") || body.stripLeading().startsWith("<")) {
            text.append(" (an HTML page)");
        }
        return text.toString();
    }
}
