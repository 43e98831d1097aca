package dev.cliauth.cli.helpers;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecInfoTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null                                                                                     | client.authentication.k8s.io/v1      | false",
            "''                                                                                       | client.authentication.k8s.io/v1      | false",
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"spec\":{}} | client.authentication.k8s.io/v1beta1 | false",
            "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":false}}     | client.authentication.k8s.io/v1      | false",
            "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":true}}      | client.authentication.k8s.io/v1      | true",
            "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"}                                 | client.authentication.k8s.io/v1beta1 | false",
    })
    void readsTheVersionAndWhetherKubectlLetsThePluginPrompt(String json, String apiVersion, boolean mayPrompt) {
        ExecInfo info = ExecInfo.parse(json);
        assertThat(info.apiVersion()).isEqualTo(apiVersion);
        assertThat(info.mayPrompt()).isEqualTo(mayPrompt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "null", "[1]", "{\"spec\":{}}", "{\"apiVersion\":3}", "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":[]}",
            "{\"apiVersion\":\"client.authentication.k8s.io/v1alpha1\"}", "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":1}}"})
    void anythingElseIsAConfigurationError(String json) {
        assertThatThrownBy(() -> ExecInfo.parse(json)).isInstanceOf(CliauthException.class)
                .satisfies(e -> assertThat(((CliauthException) e).failure()).isEqualTo(Failure.CONFIGURATION));
    }
}
