package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.testing.Fixtures;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A child process for {@link RefreshAcrossProcessesRefreshesOnceTest}: a separate JVM that asks {@link GetToken} for
 * the token of profile {@code test} in a shared state directory, at a given time, and prints it.
 * Arguments: state directory, issuer, client id, the time (ISO-8601).
 */
public final class GetTokenMain {
    private GetTokenMain() {
    }

    public static void main(String[] args) {
        Fixtures f = new Fixtures(Path.of(args[0]));
        Clock clock = Clock.fixed(Instant.parse(args[3]), ZoneOffset.UTC);
        Profile profile = Profile.of("test", URI.create(args[1]), args[2]);
        System.out.println(f.getToken(clock, Sleeper.system()).get(GetToken.Request.of(profile, "test")).tokens().accessToken());
    }
}
