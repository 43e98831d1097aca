package dev.cliauth.core.flow.resource;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.Problem;
import dev.cliauth.core.audit.AuditLog;
import dev.cliauth.core.audit.AuthEvent;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ProfileStore;
import dev.cliauth.core.config.ResourceBinding;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.flow.Login;
import dev.cliauth.core.flow.Terminal;
import dev.cliauth.core.oauth.ClientRegistration;
import dev.cliauth.core.oauth.ResourceUrl;
import dev.cliauth.core.policy.DynamicRegistrationRule;
import dev.cliauth.core.policy.FlowDecision;
import dev.cliauth.core.policy.FlowPolicy;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyKey;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;

import java.net.URI;
import java.util.Optional;

/**
 * {@code cliauth login --resource URL}: signs in to a protected resource with nothing configured. Order:
 * <ol>
 *   <li>the policy, before any request: the resource must be allowed ({@code allowed_resources}), a chosen server too
 *       ({@code allowed_issuers}), a sign-in must be possible here (not on CI), and with {@code dynamic_registration =
 *       "never"} a client must be given or already configured;</li>
 *   <li>discover the chain, reading only ({@link ResourceDiscovery}), and say in one line which server it leads to;</li>
 *   <li>the client ({@link ClientPlan}): given, the profile's, or registered now (RFC 7591) for the loopback
 *       redirect the listener uses — a registration answer that fails its checks is refused before anything is kept;</li>
 *   <li>sign in through the normal {@link Login} — the same flow choice, policy and fallbacks — with the profile naming
 *       the resource, so the authorization, token and every later refresh request send {@code resource} (RFC 8707);</li>
 *   <li>only after the login succeeded: the profile (resource, server, client) is saved by the login, and a
 *       registration access token is kept with the session, never in the profile file.</li>
 * </ol>
 */
public final class ResourceLogin {
    /** The name the registration access token is kept under beside the session. */
    public static final String REGISTRATION_TOKEN = "registration_access_token";

    private final Environment environment;
    private final Policy policy;
    private final FlowPolicy flowPolicy;
    private final ResourceDiscovery discovery;
    private final ClientRegistration registration;
    private final Login login;
    private final ProfileStore profiles;
    private final TokenStore tokens;
    private final AuditLog audit;
    private final Terminal terminal;

    public ResourceLogin(Environment environment, Policy policy, FlowPolicy flowPolicy, ResourceDiscovery discovery, ClientRegistration registration,
                         Login login, ProfileStore profiles, TokenStore tokens, AuditLog audit, Terminal terminal) {
        this.environment = environment;
        this.policy = policy;
        this.flowPolicy = flowPolicy;
        this.discovery = discovery;
        this.registration = registration;
        this.login = login;
        this.profiles = profiles;
        this.tokens = tokens;
        this.audit = audit;
        this.terminal = terminal;
    }

    public Session run(ResourceRequest request, LoginFlags flags, boolean showQr) {
        String name = request.profile();
        URI resource = ResourceUrl.check(request.resource());
        Optional<Profile> saved = profiles.load(name);
        if (saved.filter(Profile::isWorkload).isPresent()) {
            throw new CliauthException(Failure.CONFIGURATION, "Profile " + name + " uses workload identity, which signs no person in; use another profile name.");
        }
        gate(name, resource, request, saved.isPresent(), flags);
        ResourceChain chain = discovery.discover(resource, request.issuer(), policy, name);
        terminal.println("The protected resource " + resource + " is signed in to at " + chain.server() + " (" + chain.chosenBecause() + ").");
        Optional<Profile> sameServer = saved.filter(p -> p.issuer().equals(chain.server()));
        ClientPlan plan = ClientPlan.decide(chain, request.clientId(), saved, policy);
        int port = request.port().orElse(saved.map(Profile::callbackPort).orElse(0));
        String clientId;
        ResourceBinding binding;
        Optional<String> registrationToken = Optional.empty();
        if (plan instanceof ClientPlan.Register register) {
            // RFC 8252 §7.3: a loopback redirect without a port lets the listener take any port the system gives it
            URI redirect = URI.create("http://127.0.0.1" + (port == 0 ? "" : ":" + port) + "/callback");
            ClientRegistration.Registered registered = registration.register(chain.server(), register.endpoint(), redirect);
            terminal.println("Registered cliauth at " + chain.server() + " as client " + registered.clientId() + " (RFC 7591).");
            clientId = registered.clientId();
            binding = new ResourceBinding(resource, true, registered.registrationClientUri());
            registrationToken = registered.registrationAccessToken();
        } else {
            clientId = ((ClientPlan.Use) plan).clientId();
            binding = sameServer.flatMap(Profile::resource).filter(b -> b.registered() && sameServer.get().clientId().equals(clientId))
                    .map(b -> new ResourceBinding(resource, true, b.registrationClientUri())).orElse(ResourceBinding.withGivenClient(resource));
        }
        String scope = request.scope()
                .or(() -> sameServer.filter(p -> p.resource().map(ResourceBinding::resource).filter(resource::equals).isPresent()).map(Profile::scope))
                .orElse(chain.defaultScope());
        Profile base = sameServer.map(p -> p.withClientId(clientId)).orElseGet(() -> Profile.of(name, chain.server(), clientId));
        Profile profile = request.settings().apply(base.withScope(scope).withCallbackPort(port).withResource(binding));
        Session session = login.run(profile, flags, showQr);
        registrationToken.ifPresent(token -> tokens.saveSecret(name, REGISTRATION_TOKEN, token));
        return session;
    }

    /** Everything the policy decides before a request is sent; a refusal is audited and names the file and setting. */
    private void gate(String name, URI resource, ResourceRequest request, boolean configured, LoginFlags flags) {
        String subject = request.issuer().map(URI::toString).orElse(resource.toString());
        if (!policy.allowsResource(resource)) {
            refuse(new Problem.PolicyRefused(name, PolicyKey.ALLOWED_RESOURCES.key(), policy.originRefusingResource(resource),
                    "Resource " + resource + " is not allowed"), subject);
        }
        FlowDecision decision = flowPolicy.decide(environment, policy, request.issuer(), flags);
        if (decision instanceof FlowDecision.Refused refused) {
            if (refused.setting() != null) {
                audit.record(new AuthEvent.PolicyRefused(name, subject, refused.setting(), policy.origin(PolicyKey.valueOf(
                        refused.setting().toUpperCase(java.util.Locale.ROOT))), refused.message()));
            }
            throw new CliauthException(Failure.REFUSED, refused.message());
        }
        if (request.clientId().isEmpty() && !configured && policy.dynamicRegistration() == DynamicRegistrationRule.NEVER) {
            refuse(new Problem.PolicyRefused(name, PolicyKey.DYNAMIC_REGISTRATION.key(), policy.origin(PolicyKey.DYNAMIC_REGISTRATION),
                    "Registering a client for " + resource + " (no --client-id given) is not allowed"), subject);
        }
    }

    private void refuse(Problem.PolicyRefused problem, String subject) {
        audit.record(new AuthEvent.PolicyRefused(problem.profile(), subject, problem.setting(), problem.origin(), problem.message()));
        throw new CliauthException(problem);
    }
}
