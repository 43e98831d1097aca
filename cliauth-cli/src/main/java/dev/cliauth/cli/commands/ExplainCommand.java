package dev.cliauth.cli.commands;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.provider.ProviderPreset;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.flow.TerminalText;
import dev.cliauth.core.flow.resource.ClientPlan;
import dev.cliauth.core.flow.resource.ResourceChain;
import dev.cliauth.core.oauth.IssuerUrl;
import dev.cliauth.core.policy.FlowDecision;
import dev.cliauth.core.policy.FlowPolicy;
import dev.cliauth.core.policy.LoginFlags;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyKey;
import dev.cliauth.core.policy.PolicySources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cliauth explain}: which flow {@code login} would use here, and why. Sends nothing anywhere. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {
                "Show which sign-in flow 'cliauth login' would use here, and why.",
                "",
                "Prints the signals seen (SSH, container, CI, display, BROWSER...), the administrator's policy in force and where it came from, the flow and the reasons. Contacts no provider.",
                "With --resource URL it follows the resource to its authorization server as 'login --resource' would, and says which client it would use or register: it reads the resource's and the server's metadata (GET requests only) and registers nothing."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth explain",
                "  cliauth explain --profile work --device",
                "  cliauth explain --issuer https://id.example.com/realms/acme --client-id cli --json | jq .flow",
                "  cliauth explain --resource https://api.example.com/mcp",
                ExitCode.HELP})
public final class ExplainCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ProfileOption profile;

    @Option(names = "--issuer", paramLabel = "URL", description = "Explain for this issuer instead of the profile's.")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "Explain for this client instead of the profile's.")
    String clientId;

    @Mixin
    ResourceOption resource;

    @Option(names = "--device", description = "Explain what 'login --device' would do.")
    boolean device;

    @Option(names = "--no-browser", description = "Explain what 'login --no-browser' would do.")
    boolean noBrowser;

    @Option(names = "--json", description = "Print one JSON object (environment, policy, flow, reasons).")
    boolean json;


    public ExplainCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        Environment env = app.environment();
        Policy policy = app.policy();
        Optional<Profile> saved = app.profiles().load(profile.name(app));
        Optional<URI> issuerUri = issuer != null ? Optional.of(IssuerUrl.parse(issuer)) : saved.map(Profile::issuer);
        Optional<String> client = Optional.ofNullable(clientId).or(() -> saved.map(Profile::clientId));
        boolean openBrowser = !noBrowser && saved.map(Profile::openBrowser).orElse(true);
        if (resource.url != null) {
            return explainResource(env, policy, saved, openBrowser);
        }
        if (issuer == null && saved.filter(Profile::isWorkload).isPresent()) {
            explainWorkload(env, policy, saved.get());
            return ExitCode.OK;
        }
        FlowDecision decision = new FlowPolicy().decide(env, policy, issuerUri, new LoginFlags(device, openBrowser));
        // the profile's own preset, unless --issuer names another provider: then what its host shows
        ProviderPreset provider = issuer == null && saved.isPresent() ? saved.get().preset()
                : issuerUri.flatMap(ProviderPreset::detect).orElse(ProviderPreset.OIDC);
        if (json) {
            Map<String, Object> out = asJson(env, policy, issuerUri, client, decision);
            out.put("provider", provider.id());
            app.out().println(JSONObjectUtils.toJSONString(out));
        } else {
            printText(env, policy, issuerUri, client, decision, provider);
        }
        return ExitCode.OK;
    }

    /**
     * {@code --resource}: the chain {@code login --resource} would follow — read with GET requests, nothing registered —
     * then the usual explanation for the server it leads to.
     */
    private Integer explainResource(Environment env, Policy policy, Optional<Profile> saved, boolean openBrowser) {
        URI url = resource.resource().orElseThrow();
        Map<String, Object> chainJson = new LinkedHashMap<>();
        chainJson.put("resource", url.toString());
        List<String> lines = new java.util.ArrayList<>();
        Optional<URI> server = Optional.empty();
        Optional<String> client = Optional.empty();
        if (!policy.allowsResource(url)) {
            String refusal = "refused: resource " + url + " is not allowed by " + policy.originRefusingResource(url) + " (allowed_resources); nothing is sent";
            lines.add(refusal);
            chainJson.put("refusal", refusal);
        } else {
            try {
                ResourceChain chain = app.resourceDiscovery().discover(url, Optional.ofNullable(issuer).map(IssuerUrl::parse), policy, profile.name(app));
                lines.addAll(chain.describe());
                server = Optional.of(chain.server());
                chainJson.put("metadata_url", chain.metadataUrl().toString());
                chainJson.put("found_via", chain.foundVia());
                chainJson.put("authorization_servers", chain.metadata().authorizationServers().stream().map(URI::toString).toList());
                chainJson.put("authorization_server", chain.server().toString());
                chainJson.put("chosen_because", chain.chosenBecause());
                chainJson.put("registration_endpoint", chain.registrationEndpoint().map(URI::toString).orElse(null));
                chainJson.put("scope", chain.defaultScope());
                String plan;
                try {
                    ClientPlan decided = ClientPlan.decide(chain, Optional.ofNullable(clientId), saved, policy);
                    plan = decided.describe();
                    client = decided instanceof ClientPlan.Use use ? Optional.of(use.clientId()) : Optional.of("(to be registered)");
                } catch (dev.cliauth.core.CliauthException e) {
                    plan = "refused: " + app.describe(e);
                }
                lines.add("client: " + plan);
                chainJson.put("client", plan);
            } catch (dev.cliauth.core.CliauthException e) {
                String failure = "cannot follow it: " + app.describe(e);
                lines.add(failure);
                chainJson.put("failure", failure);
            }
        }
        FlowDecision decision = new FlowPolicy().decide(env, policy, server, new LoginFlags(device, openBrowser));
        if (json) {
            Map<String, Object> out = asJson(env, policy, server, client, decision);
            out.put("resource", chainJson);
            app.out().println(JSONObjectUtils.toJSONString(out));
        } else {
            var out = TerminalText.cleaning(app.out());
            lines.forEach(line -> out.println("Resource:    " + line));
            printText(env, policy, server, client, decision, server.flatMap(ProviderPreset::detect).orElse(ProviderPreset.OIDC));
        }
        return ExitCode.OK;
    }

    /** A workload profile never signs a person in: its token comes from the workload's identity, CI or not. */
    private void explainWorkload(Environment env, Policy policy, Profile workload) {
        String grant = workload.workload().orElseThrow().grant().value();
        java.util.List<String> reasons = java.util.List.of(
                "profile " + workload.name() + " is a workload profile (" + workload.workload().orElseThrow().describe() + ")",
                "workload identity never uses a browser: 'cliauth token --profile " + workload.name() + "' gets a token by itself",
                env.isCi() ? "a CI runner was detected (" + env.ciRunner().orElseThrow() + "): workload identity is the way here"
                        : "no CI runner detected; workload identity works anywhere its secret, key or platform token is available");
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("profile", workload.name());
            out.put("issuer", workload.issuer().toString());
            out.put("client_id", workload.clientId());
            out.put("environment", Map.of("place", FlowPolicy.describePlace(env), "ci_runner", env.ciRunner().orElse(""), "signals", env.signals()));
            out.put("policy", policyJson(policy));
            out.put("flow", "workload:" + grant);
            out.put("reasons", reasons);
            app.out().println(JSONObjectUtils.toJSONString(out));
            return;
        }
        var out = TerminalText.cleaning(app.out()); // for a person: a profile's or policy's text arrives cleaned
        out.println("Profile:     " + workload.name() + " (issuer " + workload.issuer() + ", client " + workload.clientId() + ")");
        out.println("Environment: " + FlowPolicy.describePlace(env));
        out.println("Signals:     " + (env.signals().isEmpty() ? "none" : String.join("; ", env.signals())));
        out.println("Flow:        workload identity (" + grant + "), no browser");
        out.println("Why:");
        reasons.forEach(reason -> out.println("  - " + reason));
    }

    private Map<String, Object> asJson(Environment env, Policy policy, Optional<URI> issuerUri, Optional<String> client, FlowDecision decision) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("place", FlowPolicy.describePlace(env));
        environment.put("ci_runner", env.ciRunner().orElse(null));
        environment.put("ssh", env.sshSession());
        environment.put("container", env.container());
        environment.put("cloud_ide", env.cloudIde().orElse(null));
        environment.put("wsl", env.wsl());
        environment.put("desktop", env.desktop());
        environment.put("terminal", env.terminal());
        environment.put("browser_usable", env.browserUsable());
        environment.put("signals", env.signals());
        Map<String, Object> policyJson = policyJson(policy);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", profile.name(app));
        out.put("issuer", issuerUri.map(URI::toString).orElse(null));
        out.put("client_id", client.orElse(null));
        out.put("environment", environment);
        out.put("policy", policyJson);
        out.put("flow", decision.flow());
        if (decision instanceof FlowDecision.Pkce pkce) {
            out.put("open_browser", pkce.openBrowser());
            out.put("paste_mode", pkce.acceptPaste());
            out.put("ssh_port_forward_hint", pkce.sshPortHint());
        } else if (decision instanceof FlowDecision.Device d) {
            out.put("open_browser", d.openBrowser());
            out.put("fallback", d.fallback().flow());
        } else if (decision instanceof FlowDecision.Refused r) {
            out.put("refusal", r.message());
        }
        out.put("reasons", decision.reasons());
        return out;
    }

    /** The policy in force, each setting with the file that decided it, and every file that was looked for. */
    private Map<String, Object> policyJson(Policy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("device_flow", policy.deviceFlow().value());
        json.put("allowed_issuers", policy.allowedIssuers().orElse(null));
        json.put("audit_log", policy.auditLogs().stream().map(Path::toString).toList());
        json.put("token_storage", policy.tokenStorage().value());
        json.put("require_dpop", policy.requireDpop());
        json.put("dynamic_registration", policy.dynamicRegistration().value());
        json.put("allowed_resources", policy.allowedResources().map(list -> list.stream().map(Object::toString).toList()).orElse(null));
        Map<String, Object> decidedBy = new LinkedHashMap<>();
        for (PolicyKey key : PolicyKey.values()) {
            decidedBy.put(key.key(), policy.source(key).map(Path::toString).orElse("built-in default"));
        }
        json.put("decided_by", decidedBy);
        json.put("sources", sources(policy).stream().map(source -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", source.file().toString());
            entry.put("authority", source.authority().label());
            entry.put("read", policy.files().contains(source.file()));
            return entry;
        }).toList());
        json.put("overruled", policy.overruled());
        return json;
    }

    private List<PolicySources.Source> sources(Policy policy) {
        return app.policySources().sources();
    }

    private void printText(Environment env, Policy policy, Optional<URI> issuerUri, Optional<String> client, FlowDecision decision,
                           ProviderPreset provider) {
        var out = TerminalText.cleaning(app.out()); // for a person: a profile's or policy's text arrives cleaned
        out.println("Profile:     " + profile.name(app) + issuerUri.map(i -> " (issuer " + i + client.map(c -> ", client " + c).orElse("") + ")")
                .orElse(" (not configured; give --issuer to check allowed_issuers)"));
        out.println("Provider:    " + (provider == ProviderPreset.OIDC ? "standard OpenID Connect (no provider habits)"
                : provider.displayName() + " (its habits apply; --provider oidc turns them off)"));
        out.println("Environment: " + FlowPolicy.describePlace(env));
        out.println("Signals:     " + (env.signals().isEmpty() ? "none" : String.join("; ", env.signals())));
        out.println("Policy:      device_flow = \"" + policy.deviceFlow().value() + "\" (" + decider(policy, PolicyKey.DEVICE_FLOW) + ")");
        out.println("             allowed_issuers = " + policy.allowedIssuers().map(Object::toString).orElse("any")
                + " (" + decider(policy, PolicyKey.ALLOWED_ISSUERS) + ")");
        out.println("             audit_log = " + (policy.auditLogs().isEmpty() ? "none" : policy.auditLogs().toString())
                + " (" + decider(policy, PolicyKey.AUDIT_LOG) + ")");
        out.println("             token_storage = \"" + policy.tokenStorage().value() + "\" (" + decider(policy, PolicyKey.TOKEN_STORAGE) + ")");
        out.println("             require_dpop = " + policy.requireDpop() + " (" + decider(policy, PolicyKey.REQUIRE_DPOP) + ")");
        out.println("             dynamic_registration = \"" + policy.dynamicRegistration().value() + "\" ("
                + decider(policy, PolicyKey.DYNAMIC_REGISTRATION) + ")");
        out.println("             allowed_resources = " + policy.allowedResources().map(Object::toString).orElse("any")
                + " (" + decider(policy, PolicyKey.ALLOWED_RESOURCES) + ")");
        for (PolicySources.Source source : sources(policy)) {
            out.println("Policy file: " + source.file() + " (" + source.authority().label()
                    + (source.authority() == dev.cliauth.core.policy.PolicyLayer.Authority.USER ? ", can only add restrictions" : ", always applies")
                    + (policy.files().contains(source.file()) ? ")" : "; not present)"));
        }
        policy.overruled().forEach(note -> out.println("Overruled:   " + note));
        out.println("Flow:        " + describe(decision));
        out.println("Why:");
        decision.reasons().forEach(reason -> out.println("  - " + reason));
    }

    private static String decider(Policy policy, PolicyKey key) {
        return policy.source(key).map(file -> "from " + file).orElse("built-in default");
    }

    private static String describe(FlowDecision decision) {
        if (decision instanceof FlowDecision.Pkce p) {
            return "Authorization Code + PKCE (" + (p.openBrowser() ? "browser opened" : "URL printed")
                    + (p.acceptPaste() ? ", redirect can be pasted back" : "") + (p.sshPortHint() ? ", ssh -L hint" : "") + ")";
        }
        if (decision instanceof FlowDecision.Device) {
            return "Device Authorization Grant (RFC 8628), falling back to Authorization Code + PKCE if the provider blocks it";
        }
        return "refused: " + ((FlowDecision.Refused) decision).message();
    }
}
