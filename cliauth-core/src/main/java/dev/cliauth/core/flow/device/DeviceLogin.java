package dev.cliauth.core.flow.device;

import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.Sessions;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.OAuthHttp;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.provider.ProviderHabits;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs a person in with the Device Authorization Grant (RFC 8628), for places where a browser cannot reach a
 * listener on this machine (SSH sessions, containers, cloud IDEs).
 *
 * <p>Order: if the provider offers no device authorization endpoint, the flow is {@link DeviceOutcome.Blocked} and
 * nothing is sent. Ask for codes (§3.1) with a fresh PKCE verifier; if the provider answers that this client may not
 * use the flow, it is blocked (the caller falls back to the browser login). Show the page and the user code, never
 * the device code (§3.3). Then poll the token endpoint (§3.4), waiting the interval before each poll, until the
 * person approves, denies, the provider blocks the flow, or the codes expire (§3.5); time comes from the injected
 * clock and sleeper. Finally validate the ID token. It returns the session and stores nothing.
 */
public final class DeviceLogin {
    /** How the session was obtained, for {@link dev.cliauth.core.token.Session#grant()}. */
    public static final String GRANT = "device_code";
    /** Room left before the codes' expiry for the last poll's round trip: no poll is sent at or after it. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(1);

    private final TokenClient tokenClient;
    private final DeviceAuthorizationClient authorizations;
    private final Sessions sessions;
    private final DevicePrompt prompt;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param hostName this machine's name, for the warning against entering a code someone else sent
     */
    public DeviceLogin(TokenClient tokenClient, OAuthHttp http, Sessions sessions, BrowserLauncher browser, Terminal terminal, Clock clock,
                       Sleeper sleeper, String hostName) {
        this.tokenClient = Objects.requireNonNull(tokenClient);
        this.authorizations = new DeviceAuthorizationClient(http);
        this.sessions = Objects.requireNonNull(sessions);
        this.prompt = new DevicePrompt(terminal, browser, new QrText(), hostName);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /**
     * @param metadata the provider's discovered configuration (issuer already checked against the profile)
     * @return {@link DeviceOutcome.Completed} with a validated, unstored session, or {@link DeviceOutcome.Blocked}
     * @throws CliauthException LOGIN_FAILED (denied, refused, ID token invalid), TIMEOUT (codes expired),
     *                          PROVIDER_UNAVAILABLE (device authorization unreachable or not OAuth), CANCELLED (interrupted)
     */
    public DeviceOutcome login(Profile profile, OIDCProviderMetadata metadata, DeviceOptions options) {
        URI endpoint = metadata.getDeviceAuthorizationEndpointURI();
        if (endpoint == null) {
            return new DeviceOutcome.Blocked("The provider " + profile.issuer()
                    + " does not offer the device flow (its configuration has no device_authorization_endpoint).");
        }
        URI tokenEndpoint = metadata.getTokenEndpointURI();
        if (tokenEndpoint == null) {
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The provider " + profile.issuer() + " has no token_endpoint.");
        }
        CodeVerifier verifier = new CodeVerifier(); // 256 bits; S256 challenge on the request, verifier on each poll
        Instant requestedAt = clock.instant(); // expires_in counts from the answer: counting from the request errs early
        ProviderHabits habits = ProviderHabits.of(profile);
        DeviceAuthorizationClient.Answer answer = authorizations.request(endpoint, profile.clientId(), profile.scope(), verifier,
                habits.authorizationParameters(), habits.tokenEndpoint(), error -> habits.blocksDeviceFlow(error.code()));
        if (answer instanceof DeviceAuthorizationClient.Answer.NotAllowed notAllowed) {
            return blocked(profile, "the device authorization endpoint answered " + notAllowed.error().summary(),
                    habits.advice(notAllowed.error().code(), notAllowed.error().description()));
        }
        DeviceAuthorization authorization = ((DeviceAuthorizationClient.Answer.Issued) answer).authorization();
        prompt.show(profile.issuer(), authorization, VerificationPage.check(profile.issuer(), authorization), options);
        Instant deadline = requestedAt.plus(authorization.expiresIn());
        DpopKey dpop = profile.dpop() ? DpopKey.generate() : null; // one key for every poll: the tokens bind to it
        return poll(profile, habits, metadata, tokenEndpoint, authorization.deviceCode(), verifier, dpop,
                PollSchedule.every(authorization.interval()), deadline, options.countdown());
    }

    private DeviceOutcome poll(Profile profile, ProviderHabits habits, OIDCProviderMetadata metadata, URI tokenEndpoint, DeviceCode deviceCode,
                               CodeVerifier verifier, DpopKey dpop, PollSchedule schedule, Instant deadline, boolean countdown) {
        String trouble = null; // why the last poll did not reach the provider, for the timeout message
        while (true) {
            Duration wait = waitBeforePoll(schedule, deadline);
            if (wait == null) {
                throw expired(trouble);
            }
            sleep(wait);
            if (countdown) {
                prompt.waiting(Duration.between(clock.instant(), deadline));
            }
            PollResult result = pollOnce(tokenClient.with(habits.tokenEndpoint()), tokenEndpoint, profile.clientId(), deviceCode, verifier, dpop);
            trouble = null;
            // Java 17 has no pattern switch: this chain covers every permitted PollResult.
            if (result instanceof PollResult.Granted granted) {
                return new DeviceOutcome.Completed(sessions.from(profile, metadata, granted.tokens(), null, GRANT, dpop));
            } else if (result instanceof PollResult.Pending) {
                schedule = schedule.answered();
            } else if (result instanceof PollResult.SlowDown) {
                schedule = schedule.slowedDown();
            } else if (result instanceof PollResult.Unavailable unavailable) {
                schedule = schedule.failed();
                trouble = unavailable.reason();
            } else if (result instanceof PollResult.Blocked blocked) {
                return blocked(profile, "the token endpoint answered " + blocked.summary(), habits.advice(blocked.summary().split(":")[0], blocked.summary()));
            } else if (result instanceof PollResult.Denied denied) {
                throw new CliauthException(Failure.LOGIN_FAILED, "Sign-in failed: the request was denied (" + denied.summary() + "). Nothing was stored.");
            } else if (result instanceof PollResult.Expired) {
                throw expired(null);
            } else if (result instanceof PollResult.Failed failed) {
                throw new CliauthException(Failure.LOGIN_FAILED, "The provider refused to issue tokens: " + failed.summary() + ". Nothing was stored."
                        + habits.advice(failed.error(), failed.description()).map(advice -> "\n" + advice).orElse(""));
            } else {
                throw new IllegalStateException("unhandled poll result " + result.getClass().getSimpleName());
            }
        }
    }

    /**
     * The schedule's wait, shortened so that the poll still goes out before the deadline; null when not even the
     * polite interval fits any more (polling sooner would break §3.5, polling later is pointless).
     */
    private Duration waitBeforePoll(PollSchedule schedule, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline).minus(EXPIRY_MARGIN);
        Duration wait = schedule.nextWait().compareTo(left) > 0 ? left : schedule.nextWait();
        return wait.compareTo(schedule.interval()) < 0 ? null : wait;
    }

    private PollResult pollOnce(TokenClient tokenClient, URI tokenEndpoint, String clientId, DeviceCode deviceCode, CodeVerifier verifier,
                                DpopKey dpop) {
        try {
            return PollResult.of(tokenClient.pollDevice(tokenEndpoint, clientId, deviceCode, verifier, dpop), deviceCode.getValue());
        } catch (CliauthException e) {
            if (e.failure() != Failure.PROVIDER_UNAVAILABLE) {
                throw e;
            }
            return new PollResult.Unavailable(e.getMessage().replace(deviceCode.getValue(), "[device code]"));
        }
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliauthException(Failure.CANCELLED, "Login cancelled.", e);
        }
    }

    private static DeviceOutcome.Blocked blocked(Profile profile, String answer, java.util.Optional<String> advice) {
        return new DeviceOutcome.Blocked("The provider does not allow the device flow for client '" + profile.clientId() + "' (" + answer + ")."
                + advice.map(line -> " " + line).orElse(""));
    }

    private static CliauthException expired(String trouble) {
        return new CliauthException(Failure.TIMEOUT, "Sign-in was not approved in time: the code expired; run the command again to get a new one."
                + (trouble == null ? "" : " The last poll failed: " + trouble));
    }
}
