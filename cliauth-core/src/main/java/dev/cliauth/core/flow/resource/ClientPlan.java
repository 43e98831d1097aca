package dev.cliauth.core.flow.resource;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.policy.DynamicRegistrationRule;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyKey;

import java.net.URI;
import java.util.Optional;

/**
 * Which client signs in to the chosen server, decided without a request: the one given ({@code --client-id}); else
 * the profile's, when the profile is already for that server; else one registered now (RFC 7591), where the server
 * offers registration and the policy's {@code dynamic_registration} allows it.
 */
public sealed interface ClientPlan {

    /** One line for people. */
    String describe();

    /** Use this client. */
    record Use(String clientId, String source) implements ClientPlan {
        @Override
        public String describe() {
            return "client " + clientId + " (" + source + ")";
        }
    }

    /** Register a client at this endpoint. */
    record Register(URI endpoint) implements ClientPlan {
        @Override
        public String describe() {
            return "register a public client at " + endpoint + " (RFC 7591)";
        }
    }

    /**
     * The plan for {@code chain}.
     *
     * @throws CliauthException when no client can be had: the server registers none, or the policy forbids it
     */
    static ClientPlan decide(ResourceChain chain, Optional<String> given, Optional<Profile> saved, Policy policy) {
        if (given.isPresent()) {
            return new Use(given.get(), "given with --client-id");
        }
        if (saved.isPresent() && saved.get().issuer().equals(chain.server())) {
            return new Use(saved.get().clientId(), saved.get().resource().filter(r -> r.registered()).isPresent()
                    ? "registered here before, kept in the profile" : "the profile's");
        }
        if (policy.dynamicRegistration() == DynamicRegistrationRule.NEVER) {
            throw new CliauthException(Failure.REFUSED, "Registering a client at " + chain.server() + " is not allowed by "
                    + policy.origin(PolicyKey.DYNAMIC_REGISTRATION) + " (" + PolicyKey.DYNAMIC_REGISTRATION.key()
                    + " = \"never\"); give the client registered for cliauth there with --client-id ID. Nothing was registered.");
        }
        return chain.registrationEndpoint().<ClientPlan>map(Register::new).orElseThrow(() -> new CliauthException(Failure.CONFIGURATION,
                "The authorization server " + chain.server() + " offers no dynamic client registration (no registration_endpoint);"
                        + " register a public client there with the redirect URI http://127.0.0.1/callback and give --client-id ID."));
    }
}
