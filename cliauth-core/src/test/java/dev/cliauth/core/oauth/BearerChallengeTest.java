package dev.cliauth.core.oauth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code resource_metadata} of a 401's Bearer challenge (RFC 9728 §5.1), read by RFC 9110 §11.2's grammar only. */
class BearerChallengeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bearer resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"|https://api.example.com/.well-known/oauth-protected-resource",
            "Bearer error=\"invalid_token\", resource_metadata=\"https://r.example/m\", scope=\"a b\"|https://r.example/m",
            "bearer Resource_Metadata=\"https://r.example/m\"|https://r.example/m",
            "DPoP algs=\"ES256\", Bearer realm=\"x\", resource_metadata=\"https://r.example/m\"|https://r.example/m",
            "Basic dXNlcjpwYXNz==, Bearer resource_metadata=\"https://r.example/m\"|https://r.example/m",
            "Bearer error_description=\"say resource_metadata=\\\"https://evil.example\\\"\", resource_metadata=\"https://r.example/m\"|https://r.example/m",
    })
    void readsTheResourceMetadataOfTheBearerChallenge(String header, String expected) {
        assertThat(BearerChallenge.find(List.of(header)).flatMap(BearerChallenge::resourceMetadata)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Basic realm=\"x\"",
            "Bearer realm=\"x\"",
            "DPoP resource_metadata=\"https://r.example/m\"",
            "Bearer resource_metadata=\"https://r.example/m",
            "Bearer resource_metadata=\"https://r.example/m\" garbage=",
            "Bearer resource_metadata=https://r.example/m",
    })
    void findsNoneWhereThereIsNoReadableBearerResourceMetadata(String header) {
        assertThat(BearerChallenge.find(List.of(header)).flatMap(BearerChallenge::resourceMetadata)).isEmpty();
    }

    @Test
    void theScopeComesAlong() {
        assertThat(BearerChallenge.find(List.of("Bearer scope=\"files:read files:write\"")).flatMap(BearerChallenge::scope)).contains("files:read files:write");
    }
}
