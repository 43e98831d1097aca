package dev.cliauth.core.audit;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class AuthEventTest {
    private static final String ISSUER = "https://id.example.com/realms/acme";

    @Test
    void eachEventRendersItsFieldsInOrderWithItsNameFirst() {
        assertThat(new AuthEvent.FlowChosen("work", ISSUER, "device", List.of("SSH session"), List.of("SSH_CONNECTION")).fields())
                .containsExactly(entry("event", "flow_chosen"), entry("profile", "work"), entry("issuer", ISSUER), entry("flow", "device"),
                        entry("reasons", List.of("SSH session")), entry("environment_signals", List.of("SSH_CONNECTION")));
        assertThat(new AuthEvent.LoginSucceeded("work", ISSUER, "f3b1c2", "pkce").fields())
                .containsExactly(entry("event", "login_succeeded"), entry("profile", "work"), entry("issuer", ISSUER),
                        entry("subject", "f3b1c2"), entry("flow", "pkce"));
        assertThat(new AuthEvent.LoginFailed("work", ISSUER, "pkce", "TIMEOUT", "Nobody signed in within 120 seconds.").fields())
                .containsExactly(entry("event", "login_failed"), entry("profile", "work"), entry("issuer", ISSUER), entry("flow", "pkce"),
                        entry("failure", "TIMEOUT"), entry("message", "Nobody signed in within 120 seconds."));
        assertThat(new AuthEvent.PolicyRefused("work", ISSUER, "device_flow", "policy /etc/cliauth/policy.toml", "no").fields())
                .containsExactly(entry("event", "policy_refused"), entry("profile", "work"), entry("issuer", ISSUER),
                        entry("setting", "device_flow"), entry("policy_source", "policy /etc/cliauth/policy.toml"), entry("message", "no"));
        assertThat(new AuthEvent.FellBack("work", ISSUER, "pkce", "device", "no browser").fields())
                .containsExactly(entry("event", "fell_back"), entry("profile", "work"), entry("issuer", ISSUER),
                        entry("from", "pkce"), entry("to", "device"), entry("reason", "no browser"));
    }

    @Test
    void aLoginWithoutIdTokenHasANullSubjectButEveryOtherFieldIsRequired() {
        assertThat(new AuthEvent.LoginSucceeded("work", ISSUER, null, "pkce").fields()).containsEntry("subject", null);
        assertThatThrownBy(() -> new AuthEvent.LoginSucceeded("work", null, "sub", "pkce")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuthEvent.FellBack("work", ISSUER, "pkce", null, "why")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFailedLoginCanBeRecordedStraightFromTheException() {
        CliauthException e = new CliauthException(Failure.LOGIN_FAILED, "The provider said access_denied.");
        assertThat(new AuthEvent.LoginFailed("work", ISSUER, "device", e))
                .isEqualTo(new AuthEvent.LoginFailed("work", ISSUER, "device", "LOGIN_FAILED", "The provider said access_denied."));
    }

    @Test
    void eventsAreImmutable() {
        List<String> reasons = new ArrayList<>(Arrays.asList("first"));
        AuthEvent.FlowChosen event = new AuthEvent.FlowChosen("work", ISSUER, "pkce", reasons, List.of());
        reasons.add("added later");
        assertThat(event.reasons()).containsExactly("first");
        assertThatThrownBy(() -> event.fields().put("token", "x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
