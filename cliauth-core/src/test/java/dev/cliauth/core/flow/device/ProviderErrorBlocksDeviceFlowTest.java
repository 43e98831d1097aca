package dev.cliauth.core.flow.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which OAuth errors mean "this client may not use the device flow here" (fall back) rather than a failed login. */
class ProviderErrorBlocksDeviceFlowTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // Keycloak, device authorization and poll (FACTS.md)
            "unauthorized_client    | Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client. | true",
            "invalid_grant          | Client not allowed OAuth 2.0 Device Authorization Grant                       | true",
            // npm oidc-provider
            "invalid_request        | urn:ietf:params:oauth:grant-type:device_code is not allowed for this client   | true",
            // RFC 6749 §5.2 codes that refuse the grant whatever the description
            "unauthorized_client    | null                                                                          | true",
            "unsupported_grant_type | null                                                                          | true",
            // Microsoft Entra conditional access, whatever the error code
            "invalid_grant          | AADSTS53003: Access has been blocked by Conditional Access policies.          | true",
            "invalid_request        | AADSTS50097: Device authentication is required.                               | true",
            "access_denied          | AADSTS53000: Device is not in required device state: compliant.               | true",
            "invalid_grant          | AADSTS53001: Device is not domain joined.                                     | true",
            "invalid_grant          | AADSTS530033: Access has been blocked by security policies.                   | true",
            "invalid_grant          | AADSTS50199: For security reasons, user confirmation is required.             | true",
            "invalid_client         | AADSTS7000218: The request body must contain 'client_assertion' or 'client_secret'. | true",
            "invalid_client         | The device flow is disabled for this application                             | true",
            // GitHub: device flow not enabled in the app's settings, answered in an HTTP 200
            "device_flow_disabled   | Device flow has not been enabled for this app                                | true",
            // Okta: no access policy rule allows the device grant
            "access_denied          | Policy evaluation failed for this request, please check the policy configurations. | true",
            // Google: a Desktop client asked for device codes
            "invalid_client         | Invalid client type.                                                          | true",
            // ordinary failures: not a reason to fall back
            "invalid_request        | Missing parameter: code_challenge_method                                      | false",
            "invalid_scope          | Invalid scopes: payroll                                                       | false",
            "invalid_grant          | Device code not valid                                                         | false",
            "invalid_client         | Invalid client credentials                                                    | false",
            "invalid_request        | Scope 'admin' is not allowed                                                  | false",
            "access_denied          | The end-user denied the authorization request                                | false",
            "expired_token          | null                                                                          | false",
            "invalid_grant          | AADSTS530034: some later code that merely starts like a listed one           | false",
            "invalid_grant          | AADSTS70000: The provided value for the 'code' parameter is not valid.       | false",
    })
    void classifies(String code, String description, boolean blocks) {
        assertThat(new ProviderError(code, description).blocksDeviceFlow()).isEqualTo(blocks);
    }

    @Test
    void everyListedConditionalAccessCodeBlocks() {
        for (String code : ProviderError.CONDITIONAL_ACCESS_CODES) {
            assertThat(new ProviderError("invalid_grant", code + ": Access blocked.").blocksDeviceFlow()).as(code).isTrue();
        }
    }

    @Test
    void theSummaryIsOneLineWithoutEntrasTraceLines() {
        ProviderError error = new ProviderError("invalid_grant",
                "AADSTS53003: Access has been blocked by Conditional Access policies.\r\nTrace ID: 0000aaaa\r\nTimestamp: 2026-11-26");

        assertThat(error.summary()).isEqualTo("invalid_grant: AADSTS53003: Access has been blocked by Conditional Access policies.");
    }

    @Test
    void theSummaryDropsControlCharactersAndIsJustTheCodeWithoutADescription() {
        assertThat(new ProviderError("invalid_grant", "bad\u001b[2Jcode").summary()).isEqualTo("invalid_grant: bad[2Jcode");
        assertThat(new ProviderError("invalid_grant", null).summary()).isEqualTo("invalid_grant");
        assertThat(new ProviderError("invalid_grant", "  ").summary()).isEqualTo("invalid_grant");
    }

    @Test
    void withoutCutsASecretOutOfTheDescription() {
        assertThat(new ProviderError("invalid_grant", "code dc-123 unknown").without("dc-123").description()).isEqualTo("code [device code] unknown");
    }
}
