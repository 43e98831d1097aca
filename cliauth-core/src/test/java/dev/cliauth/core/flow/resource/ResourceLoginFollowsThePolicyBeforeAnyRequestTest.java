package dev.cliauth.core.flow.resource;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.audit.AuthEvent;
import dev.cliauth.core.policy.DynamicRegistrationRule;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyLayer;
import dev.cliauth.core.policy.ResourcePrefix;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FakeResource;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The administrator's {@code allowed_resources} and {@code dynamic_registration}, the CI rule and a chosen server's
 * {@code allowed_issuers} are decided before any request; among several servers, {@code --issuer} chooses, else the
 * first the policy allows.
 */
class ResourceLoginFollowsThePolicyBeforeAnyRequestTest {
    private static final Path ADMIN = Path.of("/etc/cliauth/policy.toml");

    @TempDir
    Path dir;

    @Test
    void aResourceOutsideAllowedResourcesIsRefusedBeforeItIsAsked() throws Exception {
        try (FakeResource api = new FakeResource()) {
            Fixtures f = new Fixtures(dir);
            Policy policy = policy(Optional.empty(), Optional.of(List.of("https://api.example.com/")));
            CliauthException e = catchThrowableOfType(CliauthException.class, () -> f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), policy)
                    .run(ResourceRequest.of("mcp", api.resource()), Fixtures.BROWSER, false));
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).isEqualTo("Resource " + api.resource() + " is not allowed by policy " + ADMIN + " (allowed_resources); nothing was sent.");
            assertThat(api.requests).isEmpty();
            assertThat(f.audit).anyMatch(event -> event instanceof AuthEvent.PolicyRefused refused && refused.setting().equals("allowed_resources"));
        }
    }

    @Test
    void registrationForbiddenByPolicyIsRefusedBeforeAnyRequestWhenNoClientIsGiven() throws Exception {
        try (FakeResource api = new FakeResource()) {
            Fixtures f = new Fixtures(dir);
            Policy policy = policy(Optional.of(DynamicRegistrationRule.NEVER), Optional.empty());
            CliauthException e = catchThrowableOfType(CliauthException.class, () -> f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), policy)
                    .run(ResourceRequest.of("mcp", api.resource()), Fixtures.BROWSER, false));
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("(dynamic_registration)").contains(ADMIN.toString());
            assertThat(api.requests).isEmpty();
        }
    }

    @Test
    void withRegistrationForbiddenAGivenClientStillSignsIn() throws Exception {
        try (FakeProvider provider = new FakeProvider(); FakeResource api = new FakeResource()) {
            provider.offerRegistration = true;
            api.authorizationServers = List.of(provider.issuer().toString());
            Fixtures f = new Fixtures(dir);
            Policy policy = policy(Optional.of(DynamicRegistrationRule.NEVER), Optional.of(List.of(api.resource().toString())));
            Session session = f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), policy).run(new ResourceRequest("mcp", api.resource(),
                    Optional.empty(), Optional.of(FakeProvider.CLIENT_ID), Optional.empty(), Optional.empty(), p -> p), Fixtures.BROWSER, false);
            assertThat(session.clientId()).isEqualTo(FakeProvider.CLIENT_ID);
            assertThat(provider.registrationRequests).isEmpty();
        }
    }

    @Test
    void aCiRunnerIsRefusedBeforeAnyRequest() throws Exception {
        try (FakeResource api = new FakeResource()) {
            Fixtures f = new Fixtures(dir);
            CliauthException e = catchThrowableOfType(CliauthException.class, () -> f.resourceLogin(new FollowingBrowser(), Fixtures.ciRunner(),
                    Policy.defaults()).run(ResourceRequest.of("mcp", api.resource()), Fixtures.BROWSER, false));
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(api.requests).isEmpty();
        }
    }

    @Test
    void issuerChoosesAmongSeveralServersAndTheFirstIsTakenOtherwise() throws Exception {
        try (FakeProvider first = new FakeProvider(); FakeProvider second = new FakeProvider(); FakeResource api = new FakeResource()) {
            first.offerRegistration = true;
            second.offerRegistration = true;
            api.authorizationServers = List.of(first.issuer().toString(), second.issuer().toString());
            Fixtures f = new Fixtures(dir);

            Session chosen = f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), Policy.defaults()).run(new ResourceRequest("mcp",
                    api.resource(), Optional.of(second.issuer()), Optional.empty(), Optional.empty(), Optional.empty(), p -> p), Fixtures.BROWSER, false);
            assertThat(chosen.issuer()).isEqualTo(second.issuer());
            assertThat(first.requests).isEmpty();
            assertThat(f.lines).anyMatch(line -> line.contains("(chosen with --issuer among 2)"));

            Session byDefault = f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), Policy.defaults())
                    .run(ResourceRequest.of("other", api.resource()), Fixtures.BROWSER, false);
            assertThat(byDefault.issuer()).isEqualTo(first.issuer());
            assertThat(f.lines).anyMatch(line -> line.contains("(the first of the 2 it names; --issuer chooses another)"));

            CliauthException notListed = catchThrowableOfType(CliauthException.class, () -> f.resourceLogin(new FollowingBrowser(),
                    Fixtures.laptop(), Policy.defaults()).run(new ResourceRequest("third", api.resource(), Optional.of(URI.create("https://elsewhere.example")),
                    Optional.empty(), Optional.empty(), Optional.empty(), p -> p), Fixtures.BROWSER, false));
            assertThat(notListed.failure()).isEqualTo(Failure.CONFIGURATION);
            assertThat(notListed.getMessage()).contains("is not one the resource");
        }
    }

    private static Policy policy(Optional<DynamicRegistrationRule> registration, Optional<List<String>> resources) {
        return Policy.merge(List.of(new PolicyLayer(ADMIN, PolicyLayer.Authority.ADMINISTRATOR, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), registration, resources.map(list -> list.stream().map(ResourcePrefix::new).toList()))));
    }
}
