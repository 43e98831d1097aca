package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.policy.LoginFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.cliauth.core.flow.SignInHints;
import dev.cliauth.core.flow.resource.ResourceRequest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cliauth login}: sign in through the browser and store the session. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {
                "Sign in through your browser (Authorization Code + PKCE) and store the session.",
                "",
                "The browser is sent back to a listener on 127.0.0.1; the URL is also printed on stderr so you can open it yourself. $BROWSER, when set, is run as the browser with the URL as its only argument. Flags given here are saved into the profile, so later commands need only --profile."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth login --issuer https://id.example.com/realms/acme --client-id cli",
                "  cliauth login --profile work --scope \"openid profile offline_access\"",
                "  cliauth login --no-browser --port 8400 --timeout 10m",
                "  cliauth login --device --qr             # on a machine without a browser, if policy allows",
                "  cliauth login --prompt select_account --login-hint bob@example.com   # another account",
                "  cliauth login --acr-values mfa --max-age 10m                        # step-up",
                "  cliauth login --provider entra --tenant contoso.onmicrosoft.com --client-id APP-ID",
                "  cliauth login --provider okta --issuer https://acme.okta.com/oauth2/default --client-id ID",
                "  cliauth login --provider auth0 --issuer https://acme.auth0.com/ --client-id ID --api-audience https://api.example.com",
                "  cliauth login --provider google --client-id ID.apps.googleusercontent.com --installed-app-secret-env GOOGLE_SECRET",
                "  cliauth login --provider github --client-id Iv1.0123456789abcdef   # GitHub Enterprise: add --issuer https://HOST",
                "  cliauth login --provider workos --client-id client_01H...",
                "  cliauth login --profile mcp --resource https://api.example.com/mcp   # nothing registered: discovered, registered, resource-bound",
                ExitCode.HELP})
public final class LoginCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Mixin
    ProviderOptions provider;

    @Mixin
    ResourceOption resource;

    @Option(names = "--no-browser", negatable = true, description = "Only print the sign-in URL; do not open a browser (--browser undoes it).")
    Boolean noBrowser;

    @Option(names = "--device", description = "Use the device flow (RFC 8628): enter a code in any browser. Only where policy allows it; "
            + "if the provider blocks it, login continues in the browser.")
    boolean device;

    @Option(names = "--dpop", negatable = true, description = "Bind the tokens to a key kept with the session (DPoP, RFC 9449), so a copied token is useless elsewhere. Saved into the profile.")
    Boolean dpop;

    @Option(names = "--qr", description = "With the device flow, also print the verification URL as a QR code.")
    boolean qr;

    @Option(names = "--port", paramLabel = "N", description = "Loopback port for the redirect (default: one the system picks).")
    Integer port;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait for the sign-in, like 90s or 5m (default: 5m).")
    Duration timeout;

    @Option(names = "--json", description = "When signed in, print one JSON object on stdout: profile, issuer, subject, username, grant,"
            + " expires_at, storage (never a token).")
    boolean json;

    @Option(names = "--prompt", paramLabel = "select_account|login|consent", description = "Ask the provider to let you choose the account,"
            + " to sign in again even with a session there, or to ask for consent again (OpenID Connect prompt).")
    String prompt;

    @Option(names = "--login-hint", paramLabel = "USER", description = "The account to sign in as (login_hint), e.g. alice@example.com.")
    String loginHint;

    @Option(names = "--acr-values", paramLabel = "\"ACR ...\"", description = "Authentication context classes to ask for (step-up, e.g. mfa);"
            + " the new ID token's acr must be one of them.")
    String acrValues;

    @Option(names = "--max-age", paramLabel = "DURATION", description = "The person must have authenticated within this long (max_age),"
            + " checked in the new ID token's auth_time.")
    Duration maxAge;



    public LoginCommand(App app) {
        this.app = app;
    }

    private SignInHints hints() {
        return new SignInHints(Optional.ofNullable(prompt), Optional.ofNullable(loginHint),
                acrValues == null ? List.of() : List.of(acrValues.trim().split("\\s+")), Optional.ofNullable(maxAge), Optional.empty());
    }

    @Override
    public Integer call() {
        if (resource.url != null) {
            return resourceLogin();
        }
        Profile p = provider.apply(app.profiles(), profile.name(app), app.env());
        if (p.isWorkload()) {
            throw new dev.cliauth.core.CliauthException(dev.cliauth.core.Failure.CONFIGURATION, "Profile " + p.name()
                    + " uses workload identity, which needs no login: run 'cliauth token --profile " + p.name() + "'.");
        }
        Profile profileToUse = withFlags(p);
        return CancelNotice.around(app, () -> signedIn(app.login().run(profileToUse, new LoginFlags(device, profileToUse.openBrowser()), qr, hints())));
    }

    /** With {@code --json}, the session (never a token) on stdout. */
    private Integer signedIn(dev.cliauth.core.token.Session session) {
        if (json) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("profile", session.profile());
            out.put("issuer", session.issuer().toString());
            out.put("client_id", session.clientId());
            out.put("subject", session.subject().orElse(null));
            out.put("username", session.username().orElse(null));
            out.put("grant", session.grant());
            out.put("expires_at", session.tokens().expiresAt().map(Object::toString).orElse(null));
            out.put("storage", app.tokenStore().describe(session.profile()));
            app.out().println(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(out));
            app.out().flush();
        }
        return ExitCode.OK;
    }

    /** The browser, port, DPoP and timeout flags given, applied to the profile. */
    private Profile withFlags(Profile p) {
        if (noBrowser != null) {
            p = p.withOpenBrowser(!noBrowser);
        }
        if (port != null) {
            p = p.withCallbackPort(port);
        }
        if (dpop != null) {
            p = p.withDpop(dpop);
        }
        if (timeout != null) {
            p = p.withLoginTimeout(timeout);
        }
        return p;
    }

    /** {@code --resource}: the server and the client come from the resource's chain unless given; the same flags apply. */
    private Integer resourceLogin() {
        provider.refuseWithResource();
        String name = profile.name(app);
        ResourceRequest request = new ResourceRequest(name, resource.resource().orElseThrow(), provider.issuerGiven(),
                Optional.ofNullable(provider.clientId), Optional.ofNullable(provider.scope), Optional.ofNullable(port), this::withFlags);
        boolean openBrowser = noBrowser != null ? !noBrowser : app.profiles().load(name).map(Profile::openBrowser).orElse(true);
        return CancelNotice.around(app, () -> signedIn(app.resourceLogin().run(request, new LoginFlags(device, openBrowser), qr)));
    }
}
