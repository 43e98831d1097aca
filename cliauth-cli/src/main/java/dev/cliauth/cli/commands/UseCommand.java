package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;
import dev.cliauth.cli.ExitCode;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.DefaultProfile;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.io.PrivateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cliauth use}: choose the profile commands use when none is named. */
@Command(name = "use", mixinStandardHelpOptions = true,
        description = {
                "Make PROFILE the default: every command without --profile then uses it. Without PROFILE, show the default.",
                "",
                "CLIAUTH_PROFILE, when set, overrides the choice for one shell or one command. 'cliauth status' marks the default."},
        footerHeading = "%nExamples:%n",
        footer = {"  cliauth use work", "  cliauth use", "  CLIAUTH_PROFILE=ci cliauth token", ExitCode.HELP})
public final class UseCommand implements Callable<Integer> {
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", completionCandidates = ProfileNames.class,
            description = "A configured profile.")
    String profile;

    @Option(names = "--json", description = "Print one JSON object: {\"default\": NAME, \"from\": \"CLIAUTH_PROFILE\"|\"cliauth use\"|\"built-in\"}.")
    boolean json;

    public UseCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        PrivateFiles files = new PrivateFiles();
        if (profile != null) {
            String name = Profile.checkName(profile);
            if (app.profiles().load(name).isEmpty()) {
                throw new CliauthException(Failure.CONFIGURATION, "There is no profile " + name + "; create it with 'cliauth login --profile "
                        + name + " --issuer URL --client-id ID' or 'cliauth configure --profile " + name + " ...' first.");
            }
            DefaultProfile.choose(app.locations().configDir(), files, name);
            if (!json) {
                app.err().println("Default profile: " + name + ".");
                String override = app.env().get(DefaultProfile.VARIABLE);
                if (override != null && !override.isBlank() && !override.strip().equals(name)) {
                    app.err().println("Note: CLIAUTH_PROFILE=" + override.strip() + " is set here and overrides it.");
                }
            }
        }
        String current = app.defaultProfile();
        String env = app.env().get(DefaultProfile.VARIABLE);
        String from = env != null && !env.isBlank() ? DefaultProfile.VARIABLE
                : DefaultProfile.chosen(app.locations().configDir(), files).isPresent() ? "cliauth use" : "built-in";
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("default", current);
            out.put("from", from);
            app.out().println(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(out));
        } else if (profile == null) {
            app.out().println(current + " (" + (from.equals("built-in") ? "the built-in default" : "from " + from) + ")");
        }
        app.out().flush();
        return ExitCode.OK;
    }
}
