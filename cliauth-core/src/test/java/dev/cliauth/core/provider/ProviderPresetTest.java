package dev.cliauth.core.provider;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProviderPresetTest {

    @ParameterizedTest
    @CsvSource({
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0, entra",
            "https://login.microsoftonline.us/organizations/v2.0, entra",
            "https://dev-123.okta.com/oauth2/default, okta",
            "https://acme.oktapreview.com, okta",
            "https://acme.eu.auth0.com/, auth0",
            "https://accounts.google.com, google",
            "https://github.com, github",
            "https://api.workos.com, workos",
    })
    void isDetectedFromTheIssuersHost(String issuer, String preset) {
        assertThat(ProviderPreset.detect(URI.create(issuer))).contains(ProviderPreset.parse(preset));
    }

    @ParameterizedTest
    @CsvSource({"https://id.example.com/realms/acme", "https://notgithub.com", "https://okta.com.evil.example", "https://github.com.evil.example"})
    void anUnknownHostHasNoPreset(String issuer) {
        assertThat(ProviderPreset.detect(URI.create(issuer))).isEmpty();
    }

    @Test
    void entraBuildsTheTenantIssuerOnTheDefaultOrAGivenCloud() {
        assertThat(ProviderPreset.ENTRA.issuer(Optional.empty(), Optional.of("contoso.onmicrosoft.com")))
                .isEqualTo(URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0"));
        assertThat(ProviderPreset.ENTRA.issuer(Optional.empty(), Optional.empty()))
                .isEqualTo(URI.create("https://login.microsoftonline.com/organizations/v2.0"));
        assertThat(ProviderPreset.ENTRA.issuer(Optional.of(URI.create("https://login.microsoftonline.us/")), Optional.of("common")))
                .isEqualTo(URI.create("https://login.microsoftonline.us/common/v2.0"));
        URI full = URI.create("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0");
        assertThat(ProviderPreset.ENTRA.issuer(Optional.of(full), Optional.empty())).isEqualTo(full);
    }

    @Test
    void aFullEntraIssuerWithTheSameTenantIsKeptAndWithAnotherIsRefused() {
        URI full = URI.create("http://127.0.0.1:9999/contoso/v2.0");
        assertThat(ProviderPreset.ENTRA.issuer(Optional.of(full), Optional.of("contoso"))).isEqualTo(full);
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> ProviderPreset.ENTRA.issuer(Optional.of(full), Optional.of("fabrikam")));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("names tenant 'contoso'").contains("--tenant says 'fabrikam'");
    }

    @Test
    void aTenantThatIsNotOneIsRefused() {
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> ProviderPreset.ENTRA.issuer(Optional.empty(), Optional.of("../x")));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("--tenant");
    }

    @Test
    void presetsWithAWellKnownBaseNeedNoIssuer() {
        assertThat(ProviderPreset.GITHUB.issuer(Optional.empty(), Optional.empty())).isEqualTo(URI.create("https://github.com"));
        assertThat(ProviderPreset.GITHUB.issuer(Optional.of(URI.create("https://ghe.example.com/")), Optional.empty()))
                .isEqualTo(URI.create("https://ghe.example.com"));
        assertThat(ProviderPreset.GOOGLE.issuer(Optional.empty(), Optional.empty())).isEqualTo(URI.create("https://accounts.google.com"));
        assertThat(ProviderPreset.WORKOS.issuer(Optional.empty(), Optional.empty())).isEqualTo(URI.create("https://api.workos.com"));
    }

    @Test
    void auth0sIssuerGetsItsTrailingSlash() {
        assertThat(ProviderPreset.AUTH0.issuer(Optional.of(URI.create("https://acme.auth0.com")), Optional.empty()))
                .isEqualTo(URI.create("https://acme.auth0.com/"));
    }

    @Test
    void oktaAndAuth0NeedAnIssuerAndSayWhatOneLooksLike() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> ProviderPreset.OKTA.issuer(Optional.empty(), Optional.empty()));
        assertThat(e.getMessage()).contains("--issuer").contains("okta.com/oauth2/default");
    }

    @Test
    void aTenantGoesOnlyWithEntra() {
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> ProviderPreset.GOOGLE.issuer(Optional.empty(), Optional.of("contoso")));
        assertThat(e.getMessage()).contains("--tenant is for --provider entra");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> ProviderPreset.parse("keycloak2"));
        assertThat(e.getMessage()).contains("entra, okta, auth0, google, github, workos");
        assertThat(ProviderPreset.parse(" GitHub ")).isEqualTo(ProviderPreset.GITHUB);
    }

    @Test
    void aNamedPresetWinsOverDetectionAndNoneMeansPlainOpenIdConnect() {
        URI github = URI.create("https://github.com");
        assertThat(ProviderSettings.NONE.effectivePreset(github)).isEqualTo(ProviderPreset.GITHUB);
        assertThat(ProviderSettings.NONE.withPreset(ProviderPreset.OIDC).effectivePreset(github)).isEqualTo(ProviderPreset.OIDC);
        assertThat(ProviderSettings.NONE.effectivePreset(URI.create("https://id.example.com"))).isEqualTo(ProviderPreset.OIDC);
    }

    @Test
    void theInstalledAppSecretIsNeverPrinted() {
        ProviderSettings settings = ProviderSettings.NONE.withInstalledAppSecret(new ProviderSettings.InstalledAppSecret("GOCSPX-s3cr3t"));
        assertThat(settings.toString()).doesNotContain("GOCSPX-s3cr3t");
    }
}
