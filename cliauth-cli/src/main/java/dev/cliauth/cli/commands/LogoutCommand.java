package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.logout.Logout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.cliauth.core.token.Session;
import java.util.concurrent.Callable;

/** {@code cliauth logout}: revoke the refresh token at the provider, then remove the stored session. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {
                "Sign out: revoke the session at the provider (RFC 7009), then remove it here.",
                "",
                "The local session is removed whatever the provider answers. The profile's settings are kept."},
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth logout", "  cliauth logout --profile work", "  cliauth logout --all",
                "  cliauth logout --end-session      # also at the provider, to sign in as someone else next", ExitCode.HELP})
public final class LogoutCommand implements Callable<Integer> {
    private final App app;

    @ArgGroup(exclusive = true)
    Which which = new Which();

    static final class Which {
        @Option(names = {"-p", "--profile"}, paramLabel = "NAME", completionCandidates = ProfileNames.class,
                description = "Profile to sign out of (default: the default profile).")
        String profile;

        @Option(names = "--all", description = "Sign out of every profile.")
        boolean all;
    }

    @Option(names = "--end-session", description = "Also end the session at the provider in your browser (OpenID Connect"
            + " RP-initiated logout, with the ID token as hint), so that the next login can choose another account.")
    boolean endSession;

    @Option(names = "--json", description = "Print one JSON object: {\"profiles\": [{\"profile\", \"outcome\", \"ended_at_provider\"}]}.")
    boolean json;

    @picocli.CommandLine.Mixin
    VerboseOption verbosity;

    @picocli.CommandLine.Mixin
    NetworkOptions network;

    public LogoutCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        app.caFile(network.caFile);
        List<String> names = which.all ? app.profiles().names() : List.of(which.profile == null ? app.defaultProfile() : Profile.checkName(which.profile));
        Logout logout = app.logout();
        int signedOut = 0;
        List<Map<String, Object>> results = new ArrayList<>();
        for (String name : names) {
            // read before the session is removed: the ID token is the end-session request's hint
            Optional<Session> before = endSession ? app.tokenStore().load(name) : Optional.empty();
            Logout.Outcome outcome = logout.logout(name);
            boolean ended = before.isPresent() && endAtProvider(name, before.get());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("profile", name);
            result.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
            result.put("ended_at_provider", ended);
            results.add(result);
            switch (outcome) {
                case REVOKED_AND_REMOVED -> app.err().println("Signed out (profile " + name + "): revoked at the provider and removed here.");
                case REMOVED -> app.err().println("Signed out (profile " + name + "): removed here.");
                case NOT_SIGNED_IN -> {
                    if (!which.all) {
                        app.err().println("Not signed in (profile " + name + "); nothing to remove.");
                    }
                }
            }
            if (outcome != Logout.Outcome.NOT_SIGNED_IN) {
                signedOut++;
            }
        }
        if (which.all) {
            app.err().println(signedOut == 0 ? "No profile was signed in." : "Signed out of " + signedOut + " profile" + (signedOut == 1 ? "" : "s") + ".");
        }
        if (json) {
            app.out().println(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("profiles", results)));
            app.out().flush();
        }
        return ExitCode.OK;
    }

    /** RP-initiated logout in the browser, when the session has an ID token and the provider an end_session_endpoint. */
    private boolean endAtProvider(String name, Session session) {
        Optional<String> idToken = session.tokens().idToken();
        Optional<Profile> settings = app.profiles().load(name).filter(p -> p.issuer().equals(session.issuer()));
        if (idToken.isEmpty() || settings.isEmpty()) {
            app.err().println("The session of profile " + name + " has no ID token to end it at the provider with; sign out there in your browser.");
            return false;
        }
        Optional<java.net.URI> endpoint;
        try {
            endpoint = Optional.ofNullable(app.metadata(settings.get()).getEndSessionEndpointURI());
        } catch (dev.cliauth.core.CliauthException e) {
            app.err().println("Could not read the provider's metadata (" + app.describe(e) + "); sign out there in your browser.");
            return false;
        }
        if (endpoint.isEmpty()) {
            app.err().println(session.issuer() + " has no end_session_endpoint; sign out there in your browser to choose another account next time.");
            return false;
        }
        boolean ended = app.endSession().end(endpoint.get(), idToken.get(), session.clientId(), java.time.Duration.ofMinutes(2));
        app.err().println(ended ? "Ended the session at " + session.issuer() + "." : "The browser did not open the sign-out page; the session at "
                + session.issuer() + " may still be open.");
        return ended;
    }
}
