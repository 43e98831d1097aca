package dev.cliauth.core.provider;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which provider answers get a line a person can act on, and what it points at. */
class ProviderAdviceTest {

    @ParameterizedTest(name = "{0} {1} / {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
            "entra  | invalid_grant          | AADSTS53003: Access has been blocked by Conditional Access policies.    | without --device",
            "entra  | invalid_grant          | AADSTS530033: Access has been blocked by security policies.             | AADSTS530033",
            "entra  | invalid_request        | AADSTS50097: Device authentication is required.                         | registered device",
            "entra  | invalid_grant          | AADSTS50199: For security reasons, user confirmation is required.       | without --device",
            "entra  | invalid_client         | AADSTS7000218: The request body must contain 'client_assertion'.        | Allow public client flows",
            "entra  | invalid_request        | AADSTS50011: The redirect URI specified in the request does not match.  | Mobile and desktop applications",
            "entra  | unauthorized_client    | AADSTS700016: Application with identifier 'x' was not found.            | --tenant",
            "entra  | invalid_grant          | AADSTS700082: The refresh token has expired due to inactivity.          | cliauth login",
            "okta   | unauthorized_client    | The client is not authorized to use the provided grant type. Configured grant types: [authorization_code]. | Grant type",
            "okta   | access_denied          | Policy evaluation failed for this request, please check the policy configurations. | Access Policies",
            "auth0  | unauthorized_client    | Grant type 'urn:ietf:params:oauth:grant-type:device_code' not allowed for the client. | Grant Types",
            "auth0  | access_denied          | Service not found: https://api.example.com                              | --api-audience",
            "google | invalid_request        | client_secret is missing.                                               | --installed-app-secret-env",
            "google | invalid_client         | Invalid client type.                                                    | TVs and Limited Input",
            "github | device_flow_disabled   | null                                                                    | Enable Device Flow",
            "github | redirect_uri_mismatch  | The redirect_uri MUST match the registered callback URL for this application. | 127.0.0.1/callback",
    })
    void pointsAtTheSettingThatStandsInTheWay(String preset, String code, String description, String advice) {
        assertThat(ProviderAdvice.explain(ProviderPreset.parse(preset), code, description)).hasValueSatisfying(line -> {
            assertThat(line).contains(advice);
            assertThat(line).doesNotContain("\n");
        });
    }

    @ParameterizedTest(name = "{0} {1} / {2} -> none")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "entra  | invalid_grant | AADSTS70000: The provided value for the 'code' parameter is not valid.",
            "entra  | invalid_grant | AADSTS5300334: a longer code that merely starts like a listed one",
            "oidc   | invalid_grant | AADSTS53003: Entra's code from a provider that is not Entra",
            "okta   | access_denied | The resource owner or authorization server denied the request.",
            "github | access_denied | The authorization request was denied.",
    })
    void saysNothingWhereThePersonOrTheRequestIsTheCause(String preset, String code, String description) {
        assertThat(ProviderAdvice.explain(ProviderPreset.parse(preset), code, description)).isEmpty();
    }
}
