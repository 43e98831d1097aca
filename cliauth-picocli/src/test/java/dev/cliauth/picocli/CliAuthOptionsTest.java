package dev.cliauth.picocli;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.api.CliAuth;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The mixin parses the three options and puts exactly what was given over the program's own settings. */
class CliAuthOptionsTest {

    @Command(name = "acme", mixinStandardHelpOptions = true)
    static final class Acme {
        @Mixin
        CliAuthOptions signIn;
    }

    private static CliAuthOptions parse(String... args) {
        Acme acme = new Acme();
        new CommandLine(acme).parseArgs(args);
        return acme.signIn;
    }

    private static CliAuth.Builder program() {
        return CliAuth.builder().issuer(URI.create("https://id.example.com/realms/acme")).clientId("acme-cli").profile("acme");
    }

    @Test
    void givenOptionsGoOverTheProgramsSettings() {
        CliAuthOptions options = parse("--profile", "work", "--device", "--no-browser");

        assertThat(options.profile()).contains("work");
        assertThat(options.device()).isTrue();
        assertThat(options.noBrowser()).isTrue();
        assertThat(options.build(program())).hasToString(
                "CliAuth[profile=work, issuer=https://id.example.com/realms/acme, clientId=acme-cli, device=true, openBrowser=false]");
    }

    @Test
    void optionsNotGivenLeaveTheProgramsSettingsAlone() {
        CliAuthOptions options = parse();

        assertThat(options.profile()).isEmpty();
        assertThat(options.build(program().device(true).openBrowser(true))).hasToString(
                "CliAuth[profile=acme, issuer=https://id.example.com/realms/acme, clientId=acme-cli, device=true, openBrowser=true]");
    }

    @Test
    void aBadProfileNameIsAConfigurationFailure() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> parse("--profile", "../etc").applyTo(program()));

        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("Invalid profile name '../etc'");
    }

    @Test
    void theHelpListsTheOptions() {
        String usage = new CommandLine(new Acme()).getUsageMessage();

        assertThat(usage).contains("--profile=NAME").contains("--device").contains("--no-browser");
    }
}
