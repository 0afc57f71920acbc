package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app started from the built jar by the {@code flowbench} script, as a user starts it (headless, Monocle):
 * the first start goes through the launcher, which runs the app in a second JVM that writes a class archive when it
 * ends; the launcher leaves the command of that JVM for the script, which from then on starts the app's JVM itself;
 * an archive changed since (a truncated one makes the JVM crash) sends the script back to the launcher, which drops
 * it and starts the app again without one.
 */
class DesktopJvmIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesTheArchiveTheNextStartsMapItWithoutTheLauncherAndABrokenOneIsReplaced() throws Exception {
        Path home = dir.resolve("home");
        Path flow = Files.writeString(dir.resolve("hello.yml"), """
                id: hello
                namespace: demo
                tasks:
                  - id: say
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                """);
        Path agent = monocleAgent();
        Path start = home.resolve("cds").resolve(DesktopStart.FILE_NAME);

        Session first = Session.start(dir, home, agent, flow);
        assertThat(first.appOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="))
                .contains("-XX:TieredStopAtLevel=1");
        assertThat(first.appIsTheStartedProcess()).isFalse();
        first.awaitWindowThenClose();
        Path archive = onlyArchive(home);
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        assertThat(filesIn(home, ".part")).isEmpty();
        assertThat(Files.readAllLines(start)).contains("-XX:SharedArchiveFile=" + archive, "dev.flowbench.Launcher");

        Session second = Session.start(dir, home, agent, flow);
        assertThat(second.appOptions()).contains("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-XX:MaxTenuringThreshold=1");
        assertThat(second.appIsTheStartedProcess()).as("the script started the app's JVM itself").isTrue();
        second.awaitWindowThenClose();
        assertThat(Files.readString(dir.resolve("out.log"))).as("what the terminal shows")
                .doesNotContain("Unsupported JavaFX configuration", "Exception");
        assertThat(start).as("the app put the command back for the next start").exists();
        assertThat(filesIn(home, "-" + DesktopStart.FILE_NAME)).isEmpty();

        // a truncated archive makes the JVM that maps it crash: the script sees it changed and goes through the
        // launcher, which drops it and starts the app without one
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 3));
        Session third = Session.start(dir, home, agent, flow);
        assertThat(third.appIsTheStartedProcess()).isFalse();
        third.awaitWindowThenClose();
        Path replaced = onlyArchive(home);
        assertThat(Files.size(replaced)).isGreaterThan(whole.length / 2L);
        assertThat(Files.readAllLines(start)).contains("-XX:SharedArchiveFile=" + replaced);
    }

    private static Path onlyArchive(Path home) throws Exception {
        List<Path> archives = filesIn(home, ".jsa");
        assertThat(archives).hasSize(1);
        return archives.get(0);
    }

    private static List<Path> filesIn(Path home, String ending) throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("cds"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(ending)).toList();
        }
    }

    /** A jar whose agent does nothing and whose manifest brings Monocle onto the class path. */
    private Path monocleAgent() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ClassPathAgent.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Path.of(monocle()).toUri().toString());
        String entry = ClassPathAgent.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("monocle-agent.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                var in = ClassPathAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(in.readAllBytes());
            out.closeEntry();
        }
        return jar;
    }

    private static String monocle() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle")).findFirst().orElseThrow();
    }

    /** {@code ./flowbench open FLOW}, headless through {@code JAVA_TOOL_OPTIONS}, as the script takes no JVM options. */
    private record Session(Process started, Path home) {

        static Session start(Path dir, Path home, Path agent, Path flow) throws Exception {
            Path script = Path.of(System.getProperty("flowbench.script", "flowbench")).toAbsolutePath();
            assertThat(Path.of(System.getProperty("flowbench.jar", "target/flowbench.jar"))).as("the jar is built first").exists();
            Files.deleteIfExists(home.resolve("ui.properties"));
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "open", flow.toString()).directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.log").toFile()).redirectErrorStream(true);
            // an agent stops a JVM from writing its class archive unless allowed to, as does mapping one written so
            builder.environment().put("JAVA_TOOL_OPTIONS", "-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw"
                    + " -Djava.awt.headless=true -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent -javaagent:" + agent);
            builder.environment().put("FLOWBENCH_HOME", home.toString());
            builder.environment().remove(DesktopJvm.CHILD_VARIABLE);
            builder.environment().remove(DesktopJvm.SWITCH_VARIABLE);
            builder.environment().remove(DesktopStart.TRIAL_VARIABLE);
            return new Session(builder.start(), home);
        }

        /** Whether the process the script became (it execs) is the app's JVM itself, rather than a launcher with a child. */
        boolean appIsTheStartedProcess() throws Exception {
            await(() -> app().isPresent(), "the app's JVM starts");
            return app().orElseThrow().pid() == started.pid();
        }

        /** The options of the JVM the app runs in. */
        List<String> appOptions() throws Exception {
            await(() -> app().isPresent(), "the app's JVM starts");
            return app().flatMap(p -> p.info().arguments()).map(Arrays::asList).orElseThrow();
        }

        /** The JVM started on a class archive: the script's own process, or the launcher's child. */
        private Optional<ProcessHandle> app() {
            return Stream.concat(Stream.of(started.toHandle()), started.descendants())
                    .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).stream()
                            .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-XX:ArchiveClassesAtExit=")))
                    .findFirst();
        }

        /** The app is up once it has opened the flow's folder (it remembers it in ui.properties); then TERM, as a logout. */
        void awaitWindowThenClose() throws Exception {
            await(() -> Files.exists(home.resolve("ui.properties")), "the window opens the flow's folder");
            ProcessHandle app = app().orElseThrow();
            started.destroy();
            assertThat(started.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the started process ends with its app").isTrue();
            assertThat(app.isAlive()).as("the app's JVM ended").isFalse();
        }

        private void await(BooleanSupplier condition, String what) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(started.isAlive()).as(what + " (the process ended)").isTrue();
                assertThat(System.nanoTime()).as(what).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
