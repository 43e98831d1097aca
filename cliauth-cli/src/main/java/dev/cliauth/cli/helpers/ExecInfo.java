package dev.cliauth.cli.helpers;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What kubectl tells an exec credential plugin in {@code KUBERNETES_EXEC_INFO}: the ExecCredential {@code apiVersion}
 * it wants back, and whether the plugin may talk to the person ({@code spec.interactive}). kubectl before 1.22 sends
 * no {@code interactive} field; without the variable (run by hand, or an older kubectl) the answer is {@code v1}.
 *
 * @param apiVersion  {@link #V1} or {@link #V1BETA1}
 * @param interactive what kubectl said about the terminal, when it said
 */
public record ExecInfo(String apiVersion, Optional<Boolean> interactive) {
    public static final String V1 = "client.authentication.k8s.io/v1";
    public static final String V1BETA1 = "client.authentication.k8s.io/v1beta1";
    public static final String VARIABLE = "KUBERNETES_EXEC_INFO";
    private static final Set<String> SUPPORTED = Set.of(V1, V1BETA1);

    public ExecInfo {
        if (!SUPPORTED.contains(apiVersion)) {
            throw new CliauthException(Failure.CONFIGURATION, "kubectl asked for an ExecCredential of apiVersion '" + apiVersion
                    + "'; cliauth answers " + V1 + " or " + V1BETA1 + ": set one of them as apiVersion in the kubeconfig's exec block.");
        }
        interactive = interactive == null ? Optional.empty() : interactive;
    }

    /** The plugin may sign the person in on the terminal only when kubectl says so. */
    public boolean mayPrompt() {
        return interactive.orElse(false);
    }

    /** Reads the variable's value; {@code null} or blank (no kubectl, or one that does not say) gives {@code v1}. */
    public static ExecInfo parse(String json) {
        if (json == null || json.isBlank()) {
            return new ExecInfo(V1, Optional.empty());
        }
        try {
            Map<String, Object> object = JSONObjectUtils.parse(json);
            if (object == null) {
                throw new ParseException("not an object", 0);
            }
            String apiVersion = JSONObjectUtils.getString(object, "apiVersion");
            if (apiVersion == null) {
                throw malformed("it has no apiVersion");
            }
            Map<String, Object> spec = JSONObjectUtils.getJSONObject(object, "spec");
            Object interactive = spec == null ? null : spec.get("interactive");
            if (interactive != null && !(interactive instanceof Boolean)) {
                throw malformed("spec.interactive is not true or false");
            }
            return new ExecInfo(apiVersion, Optional.ofNullable((Boolean) interactive));
        } catch (ParseException e) {
            throw malformed("it is not a JSON object like {\"apiVersion\": \"" + V1 + "\", \"spec\": {\"interactive\": false}}");
        }
    }

    private static CliauthException malformed(String why) {
        return new CliauthException(Failure.CONFIGURATION, "Cannot read " + VARIABLE + " (set by kubectl for exec credential plugins): " + why + ".");
    }
}
