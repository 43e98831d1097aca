package dev.cliauth.core.provider;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.oauth.Discovery;
import dev.cliauth.core.oauth.OAuthHttp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHabitsTest {
    /** Discovery that could reach nothing: the fixed-endpoint presets never use it. */
    private static final Discovery NO_DISCOVERY = new Discovery(new OAuthHttp(Duration.ofMillis(1), Duration.ofMillis(1)));

    private static Profile profile(String issuer, ProviderPreset preset) {
        return Profile.of("p", URI.create(issuer), "client").withProvider(ProviderSettings.NONE.withPreset(preset));
    }

    @Test
    void githubHasFixedEndpointsUnderItsBaseUrlAndNoIdToken() {
        ProviderHabits github = ProviderHabits.of(profile("https://ghe.example.com", ProviderPreset.GITHUB).withScope("repo"));
        OIDCProviderMetadata metadata = github.metadata(NO_DISCOVERY);

        assertThat(metadata.getIssuer().getValue()).isEqualTo("https://ghe.example.com");
        assertThat(metadata.getAuthorizationEndpointURI()).hasToString("https://ghe.example.com/login/oauth/authorize");
        assertThat(metadata.getTokenEndpointURI()).hasToString("https://ghe.example.com/login/oauth/access_token");
        assertThat(metadata.getDeviceAuthorizationEndpointURI()).hasToString("https://ghe.example.com/login/device/code");
        assertThat(metadata.getJWKSetURI()).isNull();
        assertThat(github.expectsIdToken()).isFalse();
        assertThat(github.tokenEndpoint().acceptJson()).isTrue();
        assertThat(github.tokenEndpoint().errorsInOkResponse()).isTrue();
    }

    @Test
    void workosHasItsAuthKitEndpointsAndAsksForTheHostedSignIn() {
        ProviderHabits workos = ProviderHabits.of(profile("https://api.workos.com", ProviderPreset.WORKOS));
        OIDCProviderMetadata metadata = workos.metadata(NO_DISCOVERY);

        assertThat(metadata.getAuthorizationEndpointURI()).hasToString("https://api.workos.com/user_management/authorize");
        assertThat(metadata.getTokenEndpointURI()).hasToString("https://api.workos.com/user_management/authenticate");
        assertThat(metadata.getDeviceAuthorizationEndpointURI()).hasToString("https://api.workos.com/user_management/authorize/device");
        assertThat(workos.authorizationParameters()).containsEntry("provider", "authkit");
        assertThat(workos.tokenEndpoint().bearerWhenUntyped()).isTrue();
        assertThat(workos.expectsIdToken()).isFalse();
    }

    @Test
    void auth0SendsTheAudienceAndGoogleItsInstalledAppSecret() {
        Profile auth0 = profile("https://acme.auth0.com/", ProviderPreset.AUTH0);
        assertThat(ProviderHabits.of(auth0).authorizationParameters()).isEmpty();
        assertThat(ProviderHabits.of(auth0.withProvider(auth0.provider().withAudience("https://api.example.com"))).authorizationParameters())
                .isEqualTo(Map.of("audience", "https://api.example.com"));

        Profile google = profile("https://accounts.google.com", ProviderPreset.GOOGLE);
        assertThat(ProviderHabits.of(google).tokenEndpoint().clientSecret()).isEmpty();
        Profile withSecret = google.withProvider(google.provider().withInstalledAppSecret(new ProviderSettings.InstalledAppSecret("GOCSPX-x")));
        assertThat(ProviderHabits.of(withSecret).tokenEndpoint().clientSecret()).contains("GOCSPX-x");
        assertThat(ProviderHabits.of(withSecret).tokenEndpoint().toString()).doesNotContain("GOCSPX-x");
        assertThat(ProviderHabits.of(withSecret).tokenEndpoint().acceptJson()).isFalse();
    }

    @Test
    void entraAcceptsTheTenantTemplateOnlyForItsMultiTenantIssuers() {
        ProviderHabits common = ProviderHabits.of(profile("https://login.microsoftonline.com/common/v2.0", ProviderPreset.ENTRA));
        ProviderHabits organizations = ProviderHabits.of(profile("https://login.microsoftonline.com/organizations/v2.0", ProviderPreset.ENTRA));
        ProviderHabits consumers = ProviderHabits.of(profile("https://login.microsoftonline.com/consumers/v2.0", ProviderPreset.ENTRA));
        ProviderHabits contoso = ProviderHabits.of(profile("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", ProviderPreset.ENTRA));
        String template = "https://login.microsoftonline.com/{tenantid}/v2.0";

        assertThat(common.entraStatesIssuer(template)).isTrue();
        assertThat(organizations.entraStatesIssuer(template)).isTrue();
        assertThat(contoso.entraStatesIssuer(template)).isFalse();
        assertThat(common.entraStatesIssuer("https://evil.example/{tenantid}/v2.0")).isFalse();
        assertThat(consumers.entraStatesIssuer("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0")).isTrue();
    }

    @Test
    void aRefreshedEntraTokenKeepsTheIssuerOfItsOwnTenant() {
        ProviderHabits common = ProviderHabits.of(profile("https://login.microsoftonline.com/common/v2.0", ProviderPreset.ENTRA));
        String tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";

        assertThat(common.isSameIssuer("https://login.microsoftonline.com/" + tid + "/v2.0", tid)).isTrue();
        assertThat(common.isSameIssuer("https://login.microsoftonline.com/" + tid + "/v2.0", "00000000-0000-0000-0000-000000000001")).isFalse();
        assertThat(common.isSameIssuer("https://login.microsoftonline.com/" + tid + "/v2.0", null)).isFalse();
        ProviderHabits okta = ProviderHabits.of(profile("https://acme.okta.com", ProviderPreset.OKTA));
        assertThat(okta.isSameIssuer("https://acme.okta.com/" + tid, tid)).isFalse();
        assertThat(okta.isSameIssuer("https://acme.okta.com", null)).isTrue();
    }

    @Test
    void aLoginWithoutARefreshTokenSaysWhatBringsOneWhereTheProviderWantsItAskedFor() {
        dev.cliauth.core.token.TokenSet noRefresh = new dev.cliauth.core.token.TokenSet("at", "Bearer", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        dev.cliauth.core.token.TokenSet withRefresh = new dev.cliauth.core.token.TokenSet("at", "Bearer", java.util.Optional.empty(),
                java.util.Optional.of("rt"), java.util.Optional.empty(), java.util.Optional.empty());
        Profile auth0 = profile("https://acme.auth0.com/", ProviderPreset.AUTH0).withScope("openid email");

        assertThat(ProviderHabits.of(auth0).afterLogin(noRefresh)).hasValueSatisfying(note ->
                assertThat(note).contains("offline_access").contains("--scope \"openid email offline_access\""));
        assertThat(ProviderHabits.of(auth0.withScope("openid offline_access")).afterLogin(noRefresh))
                .hasValueSatisfying(note -> assertThat(note).contains("Allow Offline Access"));
        assertThat(ProviderHabits.of(auth0).afterLogin(withRefresh)).isEmpty();
        assertThat(ProviderHabits.of(profile("https://github.com", ProviderPreset.GITHUB)).afterLogin(noRefresh)).isEmpty();
    }

    @Test
    void googlesDeviceFlowRefusingAScopeMeansTheBrowserSignInForGoogleOnly() {
        assertThat(ProviderHabits.of(profile("https://accounts.google.com", ProviderPreset.GOOGLE)).blocksDeviceFlow("invalid_scope")).isTrue();
        assertThat(ProviderHabits.of(profile("https://accounts.google.com", ProviderPreset.GOOGLE)).blocksDeviceFlow("invalid_client")).isFalse();
        assertThat(ProviderHabits.of(profile("https://acme.okta.com", ProviderPreset.OKTA)).blocksDeviceFlow("invalid_scope")).isFalse();
    }
}
