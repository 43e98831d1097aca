package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.token.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cliauth dpop-proof}: a DPoP proof for one request, for tools that send the profile's DPoP-bound token. */
@Command(name = "dpop-proof", mixinStandardHelpOptions = true,
        description = {
                "Print a DPoP proof (RFC 9449) for one request with the profile's DPoP-bound access token.",
                "",
                "The proof carries htm, htu, a fresh jti, iat and ath (the hash of the current access token), signed by the key kept with the session. Send it as the DPoP header, with 'Authorization: DPoP <token>'."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  curl -H \"Authorization: DPoP $(cliauth token -p work)\" \\",
                "       -H \"DPoP: $(cliauth dpop-proof -p work --method GET --url https://api.example.com/me)\" https://api.example.com/me",
                ExitCode.HELP})
public final class DpopProofCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Option(names = "--method", required = true, paramLabel = "M", description = "The request's HTTP method, e.g. GET.")
    String method;

    @Option(names = "--url", required = true, paramLabel = "U", description = "The request's URL (query and fragment are left out of htu).")
    URI url;

    @Option(names = "--nonce", paramLabel = "N", description = "The resource server's DPoP-Nonce, when it asked for one.")
    String nonce;

    public DpopProofCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        if (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("https") || url.getScheme().equalsIgnoreCase("http")) || url.getHost() == null) {
            throw new CliauthException(Failure.CONFIGURATION, "--url must be an absolute http(s) URL, not '" + url + "'.");
        }
        Session session = app.session(profile.name(app), "dpop-proof");
        String key = session.dpopKey().orElseThrow(() -> new CliauthException(Failure.CONFIGURATION, "Profile " + profile.name(app)
                + " does not use DPoP; sign in with 'cliauth login --profile " + profile.name(app) + " --dpop'."));
        app.out().println(DpopKey.parse(key).proof(method.toUpperCase(Locale.ROOT), url, session.tokens().accessToken(), nonce).serialize());
        app.out().flush();
        return ExitCode.OK;
    }
}
