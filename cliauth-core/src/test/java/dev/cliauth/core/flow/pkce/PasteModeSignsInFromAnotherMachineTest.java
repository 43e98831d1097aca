package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an SSH session the person signs in on their own machine, whose browser cannot reach this machine's
 * 127.0.0.1; they paste the address it ended on, and cliauth checks the state and redeems the code.
 */
class PasteModeSignsInFromAnotherMachineTest {
    private final HttpClient otherMachine = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    @Test
    void thePastedRedirectCompletesTheLoginWithoutTheListenerBeingReached() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            CompletableFuture<Session> login = CompletableFuture.supplyAsync(
                    () -> f.login(url -> true, Fixtures.sshSession()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));

            String redirect = signInElsewhere(f);
            f.awaitLine("paste it here");
            String hint = f.awaitLine("ssh -L");
            int port = URI.create(redirect).getPort();
            assertThat(hint).contains("ssh -L " + port + ":127.0.0.1:" + port);
            f.pasted.add(redirect);

            Session session = login.get(20, TimeUnit.SECONDS);
            assertThat(session.subject()).contains(FakeProvider.SUBJECT);
            assertThat(f.tokens.load("test")).isPresent();
            assertThat(provider.requestsTo("/token")).hasSize(1);
        }
    }

    @Test
    void wrongAddressesAreExplainedAndTheLoginKeepsWaiting() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            CompletableFuture<Session> login = CompletableFuture.supplyAsync(
                    () -> f.login(url -> true, Fixtures.sshSession()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));
            String redirect = signInElsewhere(f);
            URI genuine = URI.create(redirect);

            f.pasted.add("not a url at all %%%");
            assertThat(f.awaitLine("not this sign-in's address")).contains("not a URL");
            f.pasted.add("http://127.0.0.1:" + genuine.getPort() + "/callback?code=forged&state=wrong");
            assertThat(f.awaitLine("not this sign-in's address")).contains("state");
            f.pasted.add("https://evil.example/callback?" + genuine.getRawQuery());
            assertThat(f.awaitLine("not this sign-in's address")).contains("does not start with");
            f.pasted.add("   " + redirect + "  ");

            assertThat(login.get(20, TimeUnit.SECONDS).subject()).contains(FakeProvider.SUBJECT);
            assertThat(provider.requestsTo("/token")).hasSize(1);
        }
    }

    /** The person's other machine: opens the printed URL, signs in, and reads the address it was sent to. */
    private String signInElsewhere(Fixtures f) throws Exception {
        String urlLine = f.awaitLine("/protocol/openid-connect/auth?");
        HttpResponse<Void> response = otherMachine.send(HttpRequest.newBuilder(URI.create(urlLine.strip())).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Location").orElseThrow();
    }
}
