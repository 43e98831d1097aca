package dev.cliauth.cli.commands;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.cli.App;
import dev.cliauth.cli.BuildInfo;
import dev.cliauth.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code cliauth version [--json]}, and what {@code cliauth --version} prints. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {
                "Print cliauth's version, the git commit and date it was built from, and the Java runtime it runs on.",
                "",
                "'cliauth --version' prints the same text."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  cliauth version",
                "  cliauth version --json | jq -r .commit",
                ExitCode.HELP})
public final class VersionCommand implements Callable<Integer> {
    private final App app;

    @Option(names = "--json", description = "Print JSON: version, commit, dirty, built, and java {version, vendor, home}.")
    boolean json;

    public VersionCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        BuildInfo build = BuildInfo.current();
        if (json) {
            app.out().println(JSONObjectUtils.toJSONString(build.fields()));
        } else {
            for (String line : build.lines()) {
                app.out().println(line);
            }
        }
        app.out().flush();
        return ExitCode.OK;
    }

    /** picocli's {@code --version} on every command. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.current().lines();
        }
    }
}
