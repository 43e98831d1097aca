package dev.cliauth.cli.commands;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.TerminalText;
import dev.cliauth.core.token.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cliauth status}: who is signed in, where, until when — never a token. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
                "Show who is signed in: issuer, subject, expiry, how and where the session is stored.",
                "",
                "Without --profile, lists every profile. Never shows a token. With --profile, exits 3 when that profile is not signed in."},
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth status", "  cliauth status --profile work", "  cliauth status --profile work --json | jq .username", ExitCode.HELP})
public final class StatusCommand implements Callable<Integer> {
    private final App app;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "Show one profile (default: list them all).")
    String profile;

    @Option(names = "--json", description = "Print JSON instead of text: one object, or {\"profiles\": [...]} for the list.")
    boolean json;

    @picocli.CommandLine.Mixin
    VerboseOption verbosity;

    public StatusCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.verbose(verbosity.verbose);
        Instant now = app.clock().instant();
        if (profile != null) {
            String name = Profile.checkName(profile);
            Optional<Profile> settings = app.profiles().load(name);
            Optional<Session> session = app.tokenStore().load(name);
            if (json) {
                app.out().println(JSONObjectUtils.toJSONString(fields(name, settings, session, now)));
            } else {
                printOne(name, settings, session, now);
            }
            return session.filter(s -> !s.isEnded()).isPresent() ? ExitCode.OK : ExitCode.LOGIN_REQUIRED;
        }
        List<String> names = app.profiles().names();
        List<Map<String, Object>> all = new ArrayList<>();
        for (String name : names) {
            all.add(fields(name, app.profiles().load(name), app.tokenStore().load(name), now));
        }
        if (json) {
            app.out().println(JSONObjectUtils.toJSONString(Map.of("profiles", all)));
        } else if (all.isEmpty()) {
            human().println("No profiles yet. Sign in with 'cliauth login --issuer URL --client-id ID', or try 'cliauth demo'.");
        } else {
            printTable(all);
        }
        return all.isEmpty() ? ExitCode.LOGIN_REQUIRED : ExitCode.OK;
    }

    private Map<String, Object> fields(String name, Optional<Profile> settings, Optional<Session> session, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("profile", name);
        fields.put("default", name.equals(app.defaultProfile()));
        settings.ifPresent(p -> {
            fields.put("issuer", p.issuer().toString());
            fields.put("client_id", p.clientId());
            fields.put("scope", p.scope());
            fields.put("provider", p.preset().id()); // never the installed-app secret
        });
        fields.put("signed_in", session.filter(s -> !s.isEnded()).isPresent());
        session.ifPresent(s -> {
            fields.put("issuer", s.issuer().toString());
            fields.put("client_id", s.clientId());
            s.subject().ifPresent(v -> fields.put("subject", v));
            s.username().ifPresent(v -> fields.put("username", v));
            s.tokens().expiresAt().ifPresent(v -> fields.put("expires_at", v.toString()));
            fields.put("expired", s.tokens().expiresAt().map(at -> !now.isBefore(at)).orElse(false));
            fields.put("refreshable", s.tokens().refreshToken().isPresent());
            s.ended().ifPresent(v -> fields.put("ended", v));
            fields.put("token_type", s.tokens().tokenType());
            s.dpopKey().ifPresent(jwk -> fields.put("dpop_jkt", dev.cliauth.core.oauth.DpopKey.parse(jwk).thumbprint()));
            fields.put("grant", s.grant());
            fields.put("obtained_at", s.obtainedAt().toString());
            s.refreshedAt().ifPresent(v -> fields.put("refreshed_at", v.toString()));
            s.tokens().scope().ifPresent(v -> fields.put("scope", v));
        });
        fields.put("storage", app.tokenStore().describe(name));
        return fields;
    }

    /** Standard output for a person to read: what the provider said (user names, why a session ended) arrives cleaned. */
    private PrintWriter human() {
        return TerminalText.cleaning(app.out());
    }

    private void printOne(String name, Optional<Profile> settings, Optional<Session> session, Instant now) {
        var out = human();
        out.println("Profile:   " + name + (settings.isEmpty() ? " (not configured)" : "") + (name.equals(app.defaultProfile()) ? " (the default)" : ""));
        settings.ifPresent(p -> {
            out.println("Issuer:    " + p.issuer() + (p.preset() == dev.cliauth.core.provider.ProviderPreset.OIDC ? "" : " (" + p.preset().displayName() + ")"));
            out.println("Client:    " + p.clientId());
        });
        if (session.isEmpty()) {
            out.println("Signed in: no. Run 'cliauth login --profile " + name + "'.");
            return;
        }
        Session s = session.get();
        if (s.isEnded()) {
            out.println("Signed in: no, the session ended: " + s.ended().orElseThrow() + ". Run 'cliauth login --profile " + name + "'.");
        } else {
            out.println("Signed in: yes" + s.username().map(u -> ", as " + u).orElse("") + s.subject().map(v -> " (subject " + v + ")").orElse(""));
        }
        out.println("Expires:   " + s.tokens().expiresAt().map(at -> at + " (" + relative(now, at) + ")").orElse("unknown"));
        out.println("Refresh:   " + (s.tokens().refreshToken().isPresent() ? "available" : "none (log in again when it expires)"));
        out.println("Obtained:  " + s.obtainedAt() + " by " + s.grant() + s.refreshedAt().map(r -> ", refreshed " + r).orElse(""));
        out.println("Storage:   " + app.tokenStore().describe(name));
    }

    private void printTable(List<Map<String, Object>> all) {
        String format = "%-14s %-9s %-16s %-24s %-8s %s%n";
        var out = human();
        out.printf(format, "PROFILE", "SIGNED IN", "USER", "EXPIRES", "STORAGE", "ISSUER");
        for (Map<String, Object> p : all) {
            Object ended = p.get("ended");
            String signedIn = Boolean.TRUE.equals(p.get("signed_in")) ? "yes" : ended != null ? "ended" : "no";
            out.printf(format, p.get("profile") + (Boolean.TRUE.equals(p.get("default")) ? " *" : ""), signedIn, Optional.ofNullable(p.get("username")).orElse("-"),
                    Optional.ofNullable(p.get("expires_at")).map(Object::toString).map(at -> relative(app.clock().instant(), Instant.parse(at))).orElse("-"),
                    p.get("storage").toString().split(" ", 2)[0], Optional.ofNullable(p.get("issuer")).orElse("-"));
        }
        if (all.stream().anyMatch(p -> Boolean.TRUE.equals(p.get("default")))) {
            out.println("* the default profile ('cliauth use NAME' changes it; CLIAUTH_PROFILE overrides it)");
        }
    }

    static String relative(Instant now, Instant at) {
        Duration d = Duration.between(now, at);
        String span = human(d.abs());
        return d.isNegative() ? "expired " + span + " ago" : "in " + span;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
}
