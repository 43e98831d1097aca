package dev.cliauth.core.flow.pkce;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.token.SessionCodec;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker controls — a request head sent to the listener, the callback's query, an address pasted back, a
 * tampered session file — never
 * crashes cliauth: each parser returns a value or a one-line CliauthException. A normal build runs the seeds under
 * src/test/resources; {@code JAZZER_FUZZ=1 mvn test -Dtest=HostileInputFuzzTest} fuzzes from them.
 */
class HostileInputFuzzTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:45678/callback");

    @FuzzTest(maxDuration = "60s")
    void requestHeads(byte[] head) {
        RequestHead.parse(head).ifPresent(parsed -> {
            assertThat(parsed.target().toString()).startsWith("/"); // origin form only: never a proxy's absolute target
            assertThat(parsed.host()).isNotNull();
            assertThat(parsed.method()).matches("[A-Z]+");
        });
    }

    @FuzzTest(maxDuration = "60s")
    void callbackQueries(String query) {
        Callback callback = new CallbackParser("state-123").parse(query);
        assertThat(callback).isNotNull();
        if (!(callback instanceof Callback.Rejected)) {
            assertThat(query).contains("state-123"); // nothing without the right state is ever accepted
        }
    }

    @FuzzTest(maxDuration = "60s")
    void pastedAddresses(String pasted) {
        Callback callback = PastedRedirect.judge(pasted, REDIRECT, new CallbackParser("state-123"));
        assertThat(callback).isNotNull();
        if (!(callback instanceof Callback.Rejected)) {
            assertThat(pasted).contains("127.0.0.1:45678/callback").contains("state-123");
        }
    }

    @FuzzTest(maxDuration = "60s")
    void sessionFiles(String text) {
        try {
            assertThat(SessionCodec.parse("p", "fuzzed", text)).isNotNull();
        } catch (CliauthException expected) {
            assertThat(expected.getMessage()).contains("fuzzed").doesNotContain("\n");
        }
    }
}
