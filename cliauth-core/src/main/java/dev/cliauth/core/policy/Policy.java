package dev.cliauth.core.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy in force: every policy file merged, setting by setting ({@link #merge}), with the file that decided each
 * setting kept so that a refusal and {@code cliauth explain} can name it.
 *
 * <p>Merge rule, per setting, over the administrator's files and then the user's: the first administrator's file to
 * name a setting decides it, and after that the most restrictive value wins (a user's file, too, can only tighten the
 * built-in default where no administrator's file names the setting), so a file a user controls ({@code $CLIAUTH_POLICY}, a repository's {@code .envrc} pointing at one) can add restrictions
 * but never lift one. {@code device_flow}: never &lt; headless-only &lt; explicit &lt; headless. {@code allowed_issuers}:
 * the intersection of every list (none named: any issuer). {@code audit_log}: every file's log is written.
 * {@code token_storage}: keychain &lt; file &lt; auto (both "keychain" and "file" restrict "auto"; between the two, the
 * keychain, which keeps refresh tokens out of plain files). {@code require_dpop}: any file's {@code true}.
 * {@code dynamic_registration}: never &lt; allowed. {@code allowed_resources}: what every list allows — each pair of
 * entries where one is under the other gives the narrower ({@link ResourcePrefix#intersect}).
 *
 * @param deviceFlow     where the device flow may run
 * @param allowedIssuers the issuers tokens may come from; empty means any, a present empty list none at all
 * @param auditLogs      where audit events are appended (every file's {@code audit_log})
 * @param tokenStorage   where sessions may be kept
 * @param requireDpop    every session's tokens must be bound to a key (DPoP, RFC 9449)
 * @param layers         the files read, administrator's first
 * @param decidedBy      for each setting a file decided, that file; a setting absent here is the built-in default
 * @param dynamicRegistration whether cliauth may register itself as a client where none is configured (RFC 7591)
 * @param allowedResources    the protected resources tokens may be for (prefixes); empty means any, a present empty list none
 */
public record Policy(DeviceFlowRule deviceFlow, Optional<List<String>> allowedIssuers, List<Path> auditLogs, TokenStorageRule tokenStorage,
                     boolean requireDpop, List<PolicyLayer> layers, Map<PolicyKey, PolicyLayer> decidedBy,
                     DynamicRegistrationRule dynamicRegistration, Optional<List<ResourcePrefix>> allowedResources) {

    private static final List<DeviceFlowRule> DEVICE_FLOW_STRICTEST_FIRST =
            List.of(DeviceFlowRule.NEVER, DeviceFlowRule.HEADLESS_ONLY, DeviceFlowRule.EXPLICIT, DeviceFlowRule.HEADLESS);
    private static final List<TokenStorageRule> STORAGE_STRICTEST_FIRST =
            List.of(TokenStorageRule.KEYCHAIN, TokenStorageRule.FILE, TokenStorageRule.AUTO);
    private static final List<DynamicRegistrationRule> REGISTRATION_STRICTEST_FIRST =
            List.of(DynamicRegistrationRule.NEVER, DynamicRegistrationRule.ALLOWED);

    /** A policy that says nothing about protected resources: registration allowed, any resource. */
    public Policy(DeviceFlowRule deviceFlow, Optional<List<String>> allowedIssuers, List<Path> auditLogs, TokenStorageRule tokenStorage,
                  boolean requireDpop, List<PolicyLayer> layers, Map<PolicyKey, PolicyLayer> decidedBy) {
        this(deviceFlow, allowedIssuers, auditLogs, tokenStorage, requireDpop, layers, decidedBy, DynamicRegistrationRule.ALLOWED, Optional.empty());
    }

    public Policy {
        Objects.requireNonNull(deviceFlow);
        allowedIssuers = allowedIssuers.map(List::copyOf);
        auditLogs = List.copyOf(auditLogs);
        Objects.requireNonNull(tokenStorage);
        layers = List.copyOf(layers);
        decidedBy = Map.copyOf(decidedBy);
        Objects.requireNonNull(dynamicRegistration);
        allowedResources = allowedResources.map(List::copyOf);
    }

    /** No policy file: device flow only on request, any issuer, no audit log, keychain else file, no DPoP required. */
    public static Policy defaults() {
        return merge(List.of());
    }

    /**
     * The policy of these files, each setting merged by the rule in the class comment.
     *
     * @param layers the administrator's files first, then the user's, each in the order they are read
     */
    public static Policy merge(List<PolicyLayer> layers) {
        Map<PolicyKey, PolicyLayer> decidedBy = new EnumMap<>(PolicyKey.class);
        DeviceFlowRule deviceFlow = DeviceFlowRule.EXPLICIT;
        Optional<List<String>> issuers = Optional.empty();
        List<Path> auditLogs = new ArrayList<>();
        TokenStorageRule storage = TokenStorageRule.AUTO;
        boolean dpop = false;
        DynamicRegistrationRule registration = DynamicRegistrationRule.ALLOWED;
        Optional<List<ResourcePrefix>> resources = Optional.empty();
        for (PolicyLayer layer : layers) {
            boolean administrator = layer.authority() == PolicyLayer.Authority.ADMINISTRATOR;
            if (layer.deviceFlow().isPresent() && takes(DEVICE_FLOW_STRICTEST_FIRST, layer.deviceFlow().get(), deviceFlow,
                    decidedBy.get(PolicyKey.DEVICE_FLOW), administrator)) {
                deviceFlow = layer.deviceFlow().get();
                decidedBy.put(PolicyKey.DEVICE_FLOW, layer);
            }
            if (layer.allowedIssuers().isPresent()) {
                List<String> listed = layer.allowedIssuers().get();
                List<String> before = issuers.orElse(null);
                List<String> narrowed = before == null ? listed : before.stream().filter(listed::contains).toList();
                if (before == null || narrowed.size() < before.size()) {
                    decidedBy.put(PolicyKey.ALLOWED_ISSUERS, layer); // the file that narrowed the list last
                }
                issuers = Optional.of(narrowed);
            }
            layer.auditLog().ifPresent(log -> {
                if (!auditLogs.contains(log)) {
                    auditLogs.add(log);
                }
                decidedBy.putIfAbsent(PolicyKey.AUDIT_LOG, layer);
            });
            if (layer.tokenStorage().isPresent() && takes(STORAGE_STRICTEST_FIRST, layer.tokenStorage().get(), storage,
                    decidedBy.get(PolicyKey.TOKEN_STORAGE), administrator)) {
                storage = layer.tokenStorage().get();
                decidedBy.put(PolicyKey.TOKEN_STORAGE, layer);
            }
            if (layer.requireDpop().orElse(false) && !dpop) {
                dpop = true;
                decidedBy.put(PolicyKey.REQUIRE_DPOP, layer);
            }
            if (layer.dynamicRegistration().isPresent() && takes(REGISTRATION_STRICTEST_FIRST, layer.dynamicRegistration().get(), registration,
                    decidedBy.get(PolicyKey.DYNAMIC_REGISTRATION), administrator)) {
                registration = layer.dynamicRegistration().get();
                decidedBy.put(PolicyKey.DYNAMIC_REGISTRATION, layer);
            }
            if (layer.allowedResources().isPresent()) {
                List<ResourcePrefix> listed = layer.allowedResources().get();
                List<ResourcePrefix> before = resources.orElse(null);
                List<ResourcePrefix> narrowed = before == null ? listed : before.stream()
                        .flatMap(kept -> listed.stream().flatMap(entry -> kept.intersect(entry).stream())).distinct().toList();
                if (before == null || !narrowed.equals(before)) {
                    decidedBy.put(PolicyKey.ALLOWED_RESOURCES, layer); // the file that narrowed the list last
                }
                resources = Optional.of(narrowed);
            }
        }
        return new Policy(deviceFlow, issuers, auditLogs, storage, dpop, layers, decidedBy, registration, resources);
    }

    /**
     * Whether a file's value replaces the one in force: the first administrator's file to name a setting decides it
     * (it may set any value, the built-in default included); every later file, and any user's file, only where its
     * value is stricter — or the same, when no file has decided it yet (then that file is named as its source).
     */
    private static <T> boolean takes(List<T> strictestFirst, T candidate, T current, PolicyLayer decidedBy, boolean administrator) {
        boolean administratorDecided = decidedBy != null && decidedBy.authority() == PolicyLayer.Authority.ADMINISTRATOR;
        if (administrator && !administratorDecided) {
            return true;
        }
        int a = strictestFirst.indexOf(candidate);
        int b = strictestFirst.indexOf(current);
        return a < b || (a == b && decidedBy == null);
    }

    /** The settings in force, without where they came from: what two policies must agree on to act alike. */
    public Settings settings() {
        return new Settings(deviceFlow, allowedIssuers, auditLogs, tokenStorage, requireDpop, dynamicRegistration, allowedResources);
    }

    /** The settings in force, as values (see the record's components above). */
    public record Settings(DeviceFlowRule deviceFlow, Optional<List<String>> allowedIssuers, List<Path> auditLogs, TokenStorageRule tokenStorage,
                           boolean requireDpop, DynamicRegistrationRule dynamicRegistration, Optional<List<ResourcePrefix>> allowedResources) {
        /** Settings that say nothing about protected resources (registration allowed, any resource). */
        public Settings(DeviceFlowRule deviceFlow, Optional<List<String>> allowedIssuers, List<Path> auditLogs, TokenStorageRule tokenStorage,
                        boolean requireDpop) {
            this(deviceFlow, allowedIssuers, auditLogs, tokenStorage, requireDpop, DynamicRegistrationRule.ALLOWED, Optional.empty());
        }
    }

    /** Whether tokens may be for {@code resource} ({@code allowed_resources}: under one of its entries). */
    public boolean allowsResource(java.net.URI resource) {
        return allowedResources.map(list -> list.stream().anyMatch(prefix -> prefix.allows(resource))).orElse(true);
    }

    /** For a refusal naming the file: the first file whose {@code allowed_resources} leaves {@code resource} out. */
    public String originRefusingResource(java.net.URI resource) {
        return layers.stream().filter(layer -> layer.allowedResources().filter(list -> list.stream().noneMatch(p -> p.allows(resource))).isPresent())
                .findFirst().map(PolicyLayer::describe).orElseGet(() -> origin(PolicyKey.ALLOWED_RESOURCES));
    }

    /** Whether tokens may come from {@code issuer} (compared exactly, as OpenID Connect compares issuers). */
    public boolean allowsIssuer(String issuer) {
        return allowedIssuers.map(list -> list.contains(issuer)).orElse(true);
    }

    /**
     * For a refusal naming the file: the first file (administrator's first) whose {@code allowed_issuers} leaves
     * {@code issuer} out, as "policy /etc/cliauth/policy.toml"; the setting's origin when none does.
     */
    public String originRefusing(String issuer) {
        return layers.stream().filter(layer -> layer.allowedIssuers().filter(list -> !list.contains(issuer)).isPresent()).findFirst()
                .map(PolicyLayer::describe).orElseGet(() -> origin(PolicyKey.ALLOWED_ISSUERS));
    }

    /** Where a setting came from, for messages: "policy /etc/cliauth/policy.toml" or "built-in default (no policy file)". */
    public String origin(PolicyKey key) {
        return Optional.ofNullable(decidedBy.get(key)).map(PolicyLayer::describe).orElse("built-in default (no policy file)");
    }

    /** The file that decided {@code key}, if a file did. */
    public Optional<Path> source(PolicyKey key) {
        return Optional.ofNullable(decidedBy.get(key)).map(PolicyLayer::file);
    }

    /** Every file read, administrator's first. */
    public List<Path> files() {
        return layers.stream().map(PolicyLayer::file).toList();
    }

    /**
     * What each file asked for that the merge did not take because another file is stricter, for {@code explain}:
     * "policy /home/me/p.toml: device_flow = \"headless\" (a stricter value is in force)".
     */
    public List<String> overruled() {
        List<String> notes = new ArrayList<>();
        for (PolicyLayer layer : layers) {
            layer.deviceFlow().filter(v -> v != deviceFlow).ifPresent(v -> notes.add(layer.describe() + ": device_flow = \""
                    + v.value() + "\" is overruled by the stricter \"" + deviceFlow.value() + "\" of " + origin(PolicyKey.DEVICE_FLOW)));
            layer.tokenStorage().filter(v -> v != tokenStorage).ifPresent(v -> notes.add(layer.describe() + ": token_storage = \""
                    + v.value() + "\" is overruled by the stricter \"" + tokenStorage.value() + "\" of " + origin(PolicyKey.TOKEN_STORAGE)));
            layer.allowedIssuers().ifPresent(listed -> {
                Set<String> dropped = new LinkedHashSet<>(listed);
                allowedIssuers.ifPresent(dropped::removeAll);
                if (!dropped.isEmpty()) {
                    notes.add(layer.describe() + ": allowed_issuers " + dropped + " not in force (another policy file does not allow them)");
                }
            });
            layer.requireDpop().filter(v -> !v && requireDpop).ifPresent(v -> notes.add(layer.describe()
                    + ": require_dpop = false is overruled by " + origin(PolicyKey.REQUIRE_DPOP)));
            layer.dynamicRegistration().filter(v -> v != dynamicRegistration).ifPresent(v -> notes.add(layer.describe() + ": dynamic_registration = \""
                    + v.value() + "\" is overruled by the stricter \"" + dynamicRegistration.value() + "\" of " + origin(PolicyKey.DYNAMIC_REGISTRATION)));
            layer.allowedResources().ifPresent(listed -> {
                List<ResourcePrefix> dropped = listed.stream().filter(entry -> !allowedResources.orElse(List.of()).contains(entry)).toList();
                if (!dropped.isEmpty()) {
                    notes.add(layer.describe() + ": allowed_resources " + dropped + " not in force as written (another policy file narrows them)");
                }
            });
        }
        return notes;
    }
}
