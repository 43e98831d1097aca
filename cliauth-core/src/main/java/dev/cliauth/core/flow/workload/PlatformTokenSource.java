package dev.cliauth.core.flow.workload;

/**
 * One place a CI platform hands a job its OIDC token (the shape of cosign's providers). {@link #enabled()} says
 * whether this job has it, cheaply and without side effects; {@link #provide} fetches or reads it, fresh each time,
 * because platforms rotate and expire them.
 */
public interface PlatformTokenSource {

    /** For messages: "GitHub Actions", "file /run/token". */
    String name();

    /** What this source needs, for the one line saying what was missing: "$ACTIONS_ID_TOKEN_REQUEST_URL (GitHub Actions)". */
    String expects();

    /** Whether this job has the token (the variables are set, the file exists). */
    boolean enabled();

    /**
     * The token. Sources whose platform lets the job choose the audience (GitHub Actions) ask for {@code audience};
     * the others ignore it: there the audience is fixed where the platform issues the token.
     *
     * @throws dev.cliauth.core.CliauthException {@code CONFIGURATION} when the variable or file is missing or holds
     *                                            nothing, {@code PROVIDER_UNAVAILABLE} when the platform fails to
     *                                            answer; the message names what was expected, never the token
     */
    PlatformToken provide(String audience);
}
