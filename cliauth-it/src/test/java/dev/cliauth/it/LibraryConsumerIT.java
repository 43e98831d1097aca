package dev.cliauth.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java library as another project uses it: {@code mvn install} of cliauth-core and cliauth-picocli from a copy of
 * their sources, into a local repository that holds no cliauth yet, then a throwaway consumer project that depends on
 * {@code dev.cliauth:cliauth-picocli} (and so cliauth-core) resolved from that repository only, built and run. Its
 * other dependencies come from this build's own local repository (read as a file:// repository, never written) or
 * from Maven Central.
 */
class LibraryConsumerIT {
    static final Duration MAVEN = Duration.ofMinutes(10);

    @TempDir
    Path work;

    @Test
    void aProjectBuildsAgainstTheInstalledLibraryAndRunsIt() throws Exception {
        Path sources = work.resolve("cliauth");
        copySources(sources);
        Path repository = work.resolve("repository");
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, settings(Path.of(System.getProperty("cliauth.m2", System.getProperty("user.home") + "/.m2/repository"))));
        String version = projectVersion();

        Tool.Result install = maven(sources, settings, repository, "install", "-Dmaven.test.skip=true", "-pl", "cliauth-core,cliauth-picocli", "-am");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        for (String module : List.of("cliauth-core", "cliauth-picocli")) {
            Path dir = repository.resolve("dev/cliauth/" + module + "/" + version);
            for (String suffix : List.of(".jar", ".pom", "-sources.jar", "-javadoc.jar")) {
                assertThat(dir.resolve(module + "-" + version + suffix)).isRegularFile();
            }
        }

        Path consumer = work.resolve("acme");
        Files.createDirectories(consumer.resolve("src/main/java/acme"));
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(version));
        Files.writeString(consumer.resolve("src/main/java/acme/Acme.java"), CONSUMER);
        Tool.Result build = maven(consumer, settings, repository, "package", "dependency:build-classpath", "-Dmdep.outputFile=classpath.txt");
        assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();
        String classpath = consumer.resolve("target/classes") + ":" + Files.readString(consumer.resolve("classpath.txt")).strip();
        assertThat(classpath).contains(repository.resolve("dev/cliauth/cliauth-core").toString());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tool.Result help = new Tool(work).run(MAVEN, "", java, "-cp", classpath, "acme.Acme", "--help");
        assertThat(help.stdout()).as(help.stderr()).contains("--profile").contains("--device").contains("--no-browser");
        // the library really runs: on a CI runner it refuses an interactive login, before anything is sent
        Tool.Result run = new Tool(work).run(MAVEN, "", java, "-cp", classpath, "acme.Acme", "--profile", "acme-test", work.toString());
        assertThat(run.stdout()).as(run.stderr()).startsWith("REFUSED: ");
        assertThat(run.exitCode()).isEqualTo(7);
    }

    /** The parent pom, every module's pom (the parent lists them all), and the library modules' main sources. */
    private static void copySources(Path target) throws IOException {
        Files.createDirectories(target);
        Files.copy(Cli.ROOT.resolve("pom.xml"), target.resolve("pom.xml"));
        try (Stream<Path> modules = Files.list(Cli.ROOT)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml")) && !m.equals(Cli.ROOT)).toList()) {
                Path copy = Files.createDirectories(target.resolve(module.getFileName().toString()));
                Files.copy(module.resolve("pom.xml"), copy.resolve("pom.xml"));
            }
        }
        for (String module : List.of("cliauth-core", "cliauth-picocli")) {
            Path from = Cli.ROOT.resolve(module + "/src/main");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(module + "/src/main").resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
    }

    private Tool.Result maven(Path dir, Path settings, Path repository, String... goals) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(goals));
        return new Tool(dir).run(MAVEN, "", command.toArray(String[]::new));
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(Cli.ROOT.resolve("pom.xml"));
        int start = pom.indexOf("<version>", pom.indexOf("<artifactId>cliauth-parent</artifactId>")) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    /** This build's local repository as a read-only file:// repository before Central, for plugins and dependencies. */
    private static String settings(Path outer) {
        String repository = "<id>this-build</id><url>" + outer.toUri() + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        return "<settings><profiles><profile><id>this-build</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>this-build</activeProfile></activeProfiles></settings>\n";
    }

    private static String consumerPom(String version) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>acme-cli</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>dev.cliauth</groupId>
                      <artifactId>cliauth-picocli</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version);
    }

    /** The README's way of using the library from a picocli program. */
    static final String CONSUMER = """
            package acme;

            import dev.cliauth.core.CliauthException;
            import dev.cliauth.core.api.CliAuth;
            import dev.cliauth.core.api.TokenStorage;
            import dev.cliauth.picocli.CliAuthOptions;
            import picocli.CommandLine;
            import picocli.CommandLine.Command;
            import picocli.CommandLine.Mixin;
            import picocli.CommandLine.Parameters;

            import java.net.URI;
            import java.util.Map;
            import java.util.concurrent.Callable;

            @Command(name = "acme", mixinStandardHelpOptions = true)
            public class Acme implements Callable<Integer> {
                @Mixin
                CliAuthOptions signIn;

                @Parameters(arity = "0..1")
                String home = System.getProperty("java.io.tmpdir");

                @Override
                public Integer call() {
                    CliAuth auth = signIn.build(CliAuth.builder().issuer(URI.create("https://id.example.com/realms/acme"))
                            .clientId("acme-cli").profile("acme").store(TokenStorage.MEMORY)
                            .environment(Map.of("HOME", home, "CI", "true")));
                    try {
                        System.out.println("token: " + auth.accessToken().length());
                        return 0;
                    } catch (CliauthException e) {
                        System.out.println(e.failure() + ": " + e.getMessage());
                        return 7;
                    }
                }

                public static void main(String[] args) {
                    System.exit(new CommandLine(new Acme()).execute(args));
                }
            }
            """;
}
