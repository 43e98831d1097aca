package dev.cliauth.example;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example is what a program outside this repository can write: it names only the library's public types. */
class ExampleCliUsesOnlyThePublicApiTest {
    /** The API package, and the types its methods take or give (see dev.cliauth.core.api's package comment). */
    private static final Pattern PUBLIC = Pattern.compile("dev\\.cliauth\\.(core\\.api\\.\\w+|picocli\\.\\w+|core\\.(CliauthException|Failure)"
            + "|core\\.token\\.(Session|TokenSet|TokenStore)|core\\.flow\\.(Terminal|LineSource)|core\\.browser\\.BrowserLauncher)");
    private static final Pattern CLIAUTH_TYPE = Pattern.compile("dev\\.cliauth\\.[a-z.]*[A-Z]\\w*");

    @Test
    void onlyPublicTypesAreNamed() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CLIAUTH_TYPE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group().startsWith("dev.cliauth.example.")) {
                        named.add(m.group());
                    }
                }
            }
        }
        assertThat(named).isNotEmpty().allMatch(type -> PUBLIC.matcher(type).matches());
    }
}
