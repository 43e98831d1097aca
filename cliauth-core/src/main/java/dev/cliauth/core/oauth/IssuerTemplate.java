package dev.cliauth.core.oauth;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An issuer with a {@code {tenantid}} placeholder, as Microsoft Entra ID's multi-tenant discovery documents
 * ({@code common}, {@code organizations}) state it: each ID token's real issuer is the template with the token's
 * {@code tid} claim in place of the placeholder.
 * https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#validate-the-issuer
 */
public final class IssuerTemplate {
    public static final String TENANT_PLACEHOLDER = "{tenantid}";
    /** A tenant id is a GUID; nothing else may be put into the issuer (no path, no other host). */
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private IssuerTemplate() {
    }

    /** The placeholder as it is kept in parsed metadata: Nimbus takes the issuer for a URI, where braces are illegal. */
    static final String ENCODED_PLACEHOLDER = "%7Btenantid%7D";

    public static boolean isTemplate(String issuer) {
        return issuer != null && (issuer.contains(TENANT_PLACEHOLDER) || issuer.contains(ENCODED_PLACEHOLDER));
    }

    /** The template in a form Nimbus parses as a URI. */
    static String encode(String issuer) {
        return issuer.replace(TENANT_PLACEHOLDER, ENCODED_PLACEHOLDER);
    }

    /** The template as the provider stated it. */
    public static String decode(String issuer) {
        return issuer.replace(ENCODED_PLACEHOLDER, TENANT_PLACEHOLDER);
    }

    /** The template with {@code tid} filled in, when {@code tid} is a tenant id (a GUID). */
    public static Optional<String> resolve(String template, String tid) {
        if (tid == null || !GUID.matcher(tid).matches()) {
            return Optional.empty();
        }
        return Optional.of(decode(template).replace(TENANT_PLACEHOLDER, tid.toLowerCase(java.util.Locale.ROOT)));
    }
}
