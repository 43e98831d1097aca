package dev.cliauth.core.flow.pkce;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a redirect's query string against the expected {@code state}. Shared by the loopback listener and paste
 * mode, where the person pastes the address the browser was sent to ({@link PastedRedirect}), so both paths refuse
 * exactly the same answers.
 */
public final class CallbackParser {
    /** The parameters of an authorization response (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207 §2), which a page may name. */
    private static final Set<String> RESPONSE_PARAMETERS = Set.of("code", "state", "error", "error_description", "error_uri", "iss");
    private final String expectedState;

    public CallbackParser(String expectedState) {
        this.expectedState = expectedState;
    }

    public Callback parse(String rawQuery) {
        Map<String, List<String>> params = URLUtils.parseParameters(rawQuery == null ? "" : rawQuery);
        // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." A repeated parameter
        // leaves the answer ambiguous (which iss, which error?), so it is no answer at all, on the error path as on
        // the success path: a repeated iss must not read as "no iss" and let a mixed-up error through (RFC 9207 §2.4).
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (param.getValue().size() > 1) {
                return new Callback.Rejected("the callback has more than one "
                        + (RESPONSE_PARAMETERS.contains(param.getKey()) ? param.getKey() : "value for one") + " parameter");
            }
        }
        String state = single(params, "state");
        if (state == null) {
            return new Callback.Rejected("the callback has no state parameter");
        }
        // Constant-time comparison: the state is the login's CSRF defence (RFC 6749 §10.12).
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), expectedState.getBytes(StandardCharsets.UTF_8))) {
            return new Callback.Rejected("the callback's state does not match this login");
        }
        String error = single(params, "error");
        if (error != null) {
            return new Callback.ProviderError(error, single(params, "error_description"), single(params, "iss"));
        }
        String code = single(params, "code");
        if (code == null || code.isBlank()) {
            return new Callback.Rejected("the callback has neither a code nor an error");
        }
        return new Callback.Granted(new AuthorizationCode(code), single(params, "iss"));
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
