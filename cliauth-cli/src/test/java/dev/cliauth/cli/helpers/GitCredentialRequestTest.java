package dev.cliauth.cli.helpers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GitCredentialRequestTest {
    @Test
    void readsUpToTheBlankLineWithRepeatedKeysKeptAndOthersLastWins() {
        GitCredentialRequest request = GitCredentialRequest.parse(new StringReader(
                "protocol=https\nhost=a.example\nhost=git.example.com\ncapability[]=authtype\ncapability[]=state\n"
                        + "wwwauth[]=Basic realm=\"git\"\npath=a=b\n\nprotocol=http\n"));
        assertThat(request.get("protocol")).contains("https");
        assertThat(request.get("host")).contains("git.example.com");
        assertThat(request.get("path")).contains("a=b");
        assertThat(request.attributes().get("capability[]")).isEqualTo(List.of("authtype", "state"));
        assertThat(request.get("wwwauth[]")).contains("Basic realm=\"git\"");
        assertThat(request.get("username")).isEmpty();
    }

    @Test
    void endOfInputEndsTheRequestToo() {
        assertThat(GitCredentialRequest.parse(new StringReader("protocol=https\nhost=h")).get("host")).contains("h");
        assertThat(GitCredentialRequest.parse(new StringReader("")).attributes()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "https, git.example.com,      false",
            "http,  git.example.com,      true",
            "http,  git.example.com:80,   true",
            "HTTP,  10.0.0.1:8080,        true",
            "http,  127.0.0.1:8080,       false",
            "http,  127.1.2.3,            false",
            "http,  localhost:3000,       false",
            "http,  [::1]:8080,           false",
            "http,  127.0.0.1.evil.com,   true",
            "http,  localhost.evil.com,   true",
    })
    void cleartextIsPlainHttpToAnyHostButLoopback(String protocol, String host, boolean cleartext) {
        GitCredentialRequest request = GitCredentialRequest.parse(new StringReader("protocol=" + protocol + "\nhost=" + host + "\n"));
        assertThat(request.isCleartextToAnotherHost()).isEqualTo(cleartext);
    }
}
