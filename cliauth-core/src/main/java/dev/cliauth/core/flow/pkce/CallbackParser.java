package dev.cliauth.core.flow.pkce;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Judges a redirect's query string against the expected {@code state}. Shared by the loopback listener and, later,
 * by paste mode, where the person pastes the address the browser was sent to.
 */
public final class CallbackParser {
    private final String expectedState;

    public CallbackParser(String expectedState) {
        this.expectedState = expectedState;
    }

    public Callback parse(String rawQuery) {
        Map<String, List<String>> params = URLUtils.parseParameters(rawQuery == null ? "" : rawQuery);
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
        if (params.containsKey("iss") && single(params, "iss") == null) {
            return new Callback.Rejected("the callback has more than one iss parameter");
        }
        return new Callback.Granted(new AuthorizationCode(code), single(params, "iss"));
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
