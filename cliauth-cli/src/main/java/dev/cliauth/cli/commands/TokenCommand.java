package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.flow.token.Issued;
import dev.cliauth.core.flow.token.Want;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cliauth token}: the token on stdout, and nothing else. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {
                "Print the profile's access token (or ID token) and a newline on stdout, nothing else.",
                "",
                "Refreshes it first when it has expired, or is in the last tenth of its lifetime (or has less left than --min-valid), and a"
                        + " refresh token exists. --resource and --scope give a token for another API or a narrower scope, obtained with the"
                        + " refresh token (no new sign-in where the provider allows it) and cached beside the main one. --challenge takes an"
                        + " API's WWW-Authenticate step-up challenge and signs in again with what it asks."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth token",
                "  curl -H \"Authorization: Bearer $(cliauth token --profile work)\" https://api.example.com/",
                "  cliauth token --id-token --min-valid 5m",
                "  cliauth token --resource https://api.example.com --json | jq .expires_at",
                "  cliauth token --scope \"api:read\"",
                "  cliauth token --challenge 'Bearer error=\"insufficient_user_authentication\", acr_values=\"mfa\"'",
                ExitCode.HELP})
public final class TokenCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Mixin
    TokenOptions token;

    @Option(names = "--id-token", description = "Print the ID token instead (what a Kubernetes API server's OIDC authenticator takes).")
    boolean idToken;

    @Option(names = "--json", description = "Print one JSON object: token, token_type, expires_at (ISO-8601), scope, resource, profile.")
    boolean json;

    @Option(names = "--challenge", paramLabel = "WWW-AUTHENTICATE", description = "An API's step-up challenge (RFC 9470"
            + " insufficient_user_authentication with acr_values/max_age, or an Entra claims challenge): sign in again as it asks, then print"
            + " the new token.")
    String challenge;

    @Mixin
    VerboseOption verbosity;

    @Mixin
    NetworkOptions network;

    public TokenCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        Want want = idToken ? new Want(Want.Kind.ID, Optional.empty(), Optional.empty(), token.want().minValid()) : token.want();
        if (idToken && (token.resource != null || token.scope != null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--id-token cannot be combined with --resource or --scope:"
                    + " an ID token is for the client itself.");
        }
        GetToken.Request request = GetToken.Request.of(app.savedProfile(profile.name(app)), "token").wanting(want);
        Issued issued = challenge != null ? app.stepUp(request, challenge) : app.issue(request);
        app.out().println(json ? toJson(issued) : issued.value());
        app.out().flush();
        return ExitCode.OK;
    }

    private String toJson(Issued issued) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", profile.name(app));
        out.put("token", issued.value());
        out.put("token_type", issued.type());
        out.put("expires_at", issued.expiresAt().map(Instant::toString).orElse(null));
        out.put("scope", issued.scope().orElse(null));
        out.put("resource", issued.resource().orElse(null));
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(out);
    }
}
