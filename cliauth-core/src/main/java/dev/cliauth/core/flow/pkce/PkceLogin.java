package dev.cliauth.core.flow.pkce;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.PushedAuthorization;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.oauth.TokenResult;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.provider.ProviderHabits;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;

/**
 * Signs a person in with Authorization Code + PKCE through a loopback redirect (RFC 7636, RFC 8252).
 *
 * <p>Order: given the discovered provider, make a fresh verifier (256 bits, S256 only), state and nonce; listen on
 * 127.0.0.1; print the URL and open the browser (or accept the redirect pasted back, for a browser elsewhere); wait
 * for the one genuine callback; redeem the code; validate the ID token. It returns the session and stores nothing: a rejected login leaves no trace.
 */
public final class PkceLogin {
    public static final String GRANT = "authorization_code+pkce";

    private final Discovery discovery;
    private final TokenClient tokenClient;
    private final Sessions sessions;
    private final BrowserLauncher browser;
    private final Terminal terminal;
    private final LineSource pasted;
    private final PushedAuthorization pushedAuthorization;
    private final Consumer<String> trace;

    public PkceLogin(Discovery discovery, TokenClient tokenClient, PushedAuthorization pushedAuthorization, Sessions sessions,
                     BrowserLauncher browser, Terminal terminal, LineSource pasted) {
        this(discovery, tokenClient, pushedAuthorization, sessions, browser, terminal, pasted, line -> { });
    }

    /** @param trace receives the authorization response for {@code --verbose}, its code and state redacted */
    public PkceLogin(Discovery discovery, TokenClient tokenClient, PushedAuthorization pushedAuthorization, Sessions sessions,
                     BrowserLauncher browser, Terminal terminal, LineSource pasted, Consumer<String> trace) {
        this.trace = trace;
        this.discovery = discovery;
        this.tokenClient = tokenClient;
        this.sessions = sessions;
        this.browser = browser;
        this.terminal = terminal;
        this.pasted = pasted;
        this.pushedAuthorization = pushedAuthorization;
    }

    /**
     * @param profile  provider, client, scope, port and timeout
     * @param metadata the provider's discovered metadata
     * @param options  browser, paste mode, SSH hint
     */
    public Session login(Profile profile, OIDCProviderMetadata metadata, PkceOptions options) {
        URI authorizationEndpoint = metadata.getAuthorizationEndpointURI();
        if (authorizationEndpoint == null) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider " + profile.issuer() + " has no authorization_endpoint.");
        }
        List<CodeChallengeMethod> methods = metadata.getCodeChallengeMethods();
        if (methods != null && !methods.isEmpty() && !methods.contains(CodeChallengeMethod.S256)) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The provider " + profile.issuer() + " does not support PKCE with S256 (it lists "
                    + methods + "); cliauth will not sign in without it.");
        }
        ProviderHabits habits = ProviderHabits.of(profile);
        CodeVerifier verifier = new CodeVerifier(); // 32 random bytes from a SecureRandom: 256 bits
        State state = new State(); // 256 bits, single use: it lives only as long as this call
        Nonce nonce = habits.expectsIdToken() ? new Nonce() : null;
        CallbackParser parser = new CallbackParser(state.getValue());

        try (LoopbackReceiver receiver = LoopbackReceiver.start(profile.callbackPort(), parser)) {
            URI redirectUri = receiver.redirectUri();
            URI url = browserUrl(profile, metadata, authorizationRequest(profile, authorizationEndpoint, redirectUri, state, nonce, verifier, habits, options.hints()));
            boolean opened = options.openBrowser() && browser.open(url);
            if (opened) {
                terminal.println("Opened your browser to sign in to " + profile.issuer() + ". If it did not open, visit:");
            } else if (options.acceptPaste()) {
                terminal.println("To sign in to " + profile.issuer() + ", open this URL in a browser (on this or any other machine):");
            } else {
                terminal.println("To sign in to " + profile.issuer() + ", open this URL in a browser on this machine:");
            }
            terminal.println("  " + url);
            if (options.acceptPaste()) {
                terminal.println("If the browser is on another machine, it ends on " + redirectUri + "?... and cannot load it:"
                        + " copy that address from the address bar, paste it here and press Enter.");
                acceptPasted(receiver, redirectUri, parser);
            }
            if (options.sshPortHint()) {
                terminal.println("Or forward the port: on your machine run 'ssh -L " + receiver.port() + ":127.0.0.1:" + receiver.port()
                        + " THIS-HOST', then open the URL there" + (profile.callbackPort() == 0 ? " (--port N keeps the port the same each time)." : "."));
            }
            terminal.println("Waiting for the sign-in (up to " + LoopbackReceiver.describe(profile.loginTimeout()) + ")...");
            Callback callback = receiver.await(profile.loginTimeout());
            trace.accept("GET " + redirectUri + " (authorization response): " + describe(callback));
            checkIssuer(callback, metadata);
            if (callback instanceof Callback.ProviderError error) {
                throw new CliauthException(Failure.LOGIN_FAILED, "The provider did not sign you in: " + error.summary() + ". Nothing was stored."
                        + habits.advice(error.error(), error.description()).map(advice -> "\n" + advice).orElse(""));
            }
            Callback.Granted granted = (Callback.Granted) callback;
            DpopKey dpop = profile.dpop() ? DpopKey.generate() : null;
            TokenResult result = tokenClient.with(habits.tokenEndpoint()).redeem(metadata.getTokenEndpointURI(), profile.clientId(), granted.code(), redirectUri, verifier, dpop);
            if (result instanceof TokenResult.Rejected rejected) {
                throw new CliauthException(Failure.LOGIN_FAILED, "The provider refused to issue tokens: " + rejected.summary() + ". Nothing was stored."
                        + habits.advice(rejected.error(), rejected.description()).map(advice -> "\n" + advice).orElse(""));
            }
            return sessions.from(profile, metadata, ((TokenResult.Issued) result).tokens(), nonce, GRANT, dpop);
        }
    }

    /** The callback for {@code --verbose}: what kind of answer, and its issuer; never the code or the state. */
    private static String describe(Callback callback) {
        String iss = callback.issuer().map(value -> ", iss=" + value.replaceAll("\\p{Cc}", "?")).orElse(", no iss");
        if (callback instanceof Callback.Granted) {
            return "code=<redacted>, state=<redacted> (matched)" + iss;
        }
        if (callback instanceof Callback.ProviderError error) {
            return "error=" + error.error() + ", state=<redacted> (matched)" + iss;
        }
        return "rejected";
    }

    /**
     * RFC 9207 §2.4: the authorization response's {@code iss} must be exactly the issuer this login started with; when
     * the provider advertises the parameter, a missing one is an error too. Otherwise a code from another provider
     * (a mix-up attack) could be redeemed here. Checked before anything is sent to the token endpoint.
     */
    private static void checkIssuer(Callback callback, OIDCProviderMetadata metadata) {
        String expected = metadata.getIssuer().getValue();
        var iss = callback.issuer();
        if (iss.isPresent() && !iss.get().equals(expected)) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The sign-in answer came from issuer '" + iss.get() + "', not '" + expected
                    + "' (a possible mix-up attack); its code was not used. Nothing was stored.");
        }
        if (iss.isEmpty() && metadata.supportsAuthorizationResponseIssuerParam()) {
            throw new CliauthException(Failure.LOGIN_FAILED, "The sign-in answer has no iss parameter, though " + expected
                    + " says it sends one (RFC 9207); its code was not used. Nothing was stored.");
        }
    }

    /** Discovers the provider, then logs in with the browser opened (the library's simplest entry point). */
    public Session login(Profile profile) {
        return login(profile, ProviderHabits.of(profile).metadata(discovery), new PkceOptions(profile.openBrowser(), false, false));
    }

    /** Reads pasted redirect addresses until one is this login's answer, or input ends. */
    private void acceptPasted(LoopbackReceiver receiver, URI redirectUri, CallbackParser parser) {
        Thread reader = new Thread(() -> {
            while (true) {
                Optional<String> line = pasted.readLine();
                if (line.isEmpty()) {
                    return; // no more input: the loopback listener may still get the callback
                }
                if (line.get().isBlank()) {
                    continue;
                }
                Callback callback = PastedRedirect.judge(line.get(), redirectUri, parser);
                if (callback instanceof Callback.Rejected rejected) {
                    terminal.println("That is not this sign-in's address (" + rejected.reason() + "); paste the whole address from the browser's address bar.");
                    continue;
                }
                receiver.complete(callback);
                return;
            }
        }, "cliauth-paste");
        reader.setDaemon(true);
        reader.start();
    }

    private static AuthorizationRequest authorizationRequest(Profile profile, URI endpoint, URI redirectUri, State state, Nonce nonce,
                                                            CodeVerifier verifier, ProviderHabits habits, dev.cliauth.core.flow.SignInHints hints) {
        ClientID clientId = new ClientID(profile.clientId());
        Scope scope = Scope.parse(profile.scope());
        if (nonce != null) {
            AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE, scope, clientId, redirectUri)
                    .endpointURI(endpoint).state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
            habits.authorizationParameters().forEach(builder::customParameter);
            hints.parameters().forEach(builder::customParameter);
            return builder.build();
        }
        AuthorizationRequest.Builder builder = new AuthorizationRequest.Builder(ResponseType.CODE, clientId)
                .endpointURI(endpoint).redirectionURI(redirectUri).scope(scope).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        habits.authorizationParameters().forEach(builder::customParameter);
        hints.parameters().forEach(builder::customParameter);
        return builder.build();
    }

    /**
     * The URL for the browser: with PAR (RFC 9126) whenever the provider offers it — the browser then carries only
     * {@code client_id} and {@code request_uri} — else the full request in the query.
     */
    private URI browserUrl(Profile profile, OIDCProviderMetadata metadata, AuthorizationRequest request) {
        URI parEndpoint = metadata.getPushedAuthorizationRequestEndpointURI();
        if (parEndpoint == null) {
            if (metadata.requiresPushedAuthorizationRequests()) {
                throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider " + profile.issuer()
                        + " requires pushed authorization requests but names no pushed_authorization_request_endpoint.");
            }
            return request.toURI();
        }
        URI requestUri = pushedAuthorization.push(parEndpoint, request);
        return new AuthorizationRequest.Builder(requestUri, request.getClientID()).endpointURI(request.getEndpointURI()).build().toURI();
    }
}
