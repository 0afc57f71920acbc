package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app started from the built jar, as a user starts it (headless, Monocle): the launcher runs it in a
 * second JVM that writes a class archive when it ends, the next start maps that archive, and an archive that makes
 * the JVM crash is dropped and the app started again without it.
 */
class DesktopJvmIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aSessionWritesTheArchiveTheNextOneMapsAndABrokenOneIsReplaced() throws Exception {
        Path home = dir.resolve("home");
        Path flow = Files.writeString(dir.resolve("hello.yml"), """
                id: hello
                namespace: demo
                tasks:
                  - id: say
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                """);

        Session first = Session.start(dir, home, flow);
        assertThat(first.childOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="))
                .contains("-XX:TieredStopAtLevel=1");
        first.awaitWindowThenClose();
        Path archive = onlyArchive(home);
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        assertThat(partsIn(home)).isEmpty();

        Session second = Session.start(dir, home, flow);
        assertThat(second.childOptions()).contains("-XX:SharedArchiveFile=" + archive);
        second.awaitWindowThenClose();

        // a truncated archive makes the JVM that maps it crash: the launcher drops it and starts the app without one
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 3));
        Session third = Session.start(dir, home, flow);
        third.awaitWindowThenClose();
        Path replaced = onlyArchive(home);
        assertThat(Files.size(replaced)).isGreaterThan(whole.length / 2L);
    }

    private static Path onlyArchive(Path home) throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("cds"))) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    private static List<Path> partsIn(Path home) throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("cds"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** {@code java -cp flowbench.jar:monocle.jar dev.flowbench.Launcher open FLOW}. */
    private record Session(Process launcher, Path home) {

        static Session start(Path dir, Path home, Path flow) throws Exception {
            Path jar = Path.of(System.getProperty("flowbench.jar", "target/flowbench.jar")).toAbsolutePath();
            assertThat(jar).as("the jar is built before the integration tests run").exists();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                    "-cp", jar + File.pathSeparator + monocle(), "dev.flowbench.Launcher", "open", flow.toString()));
            Files.deleteIfExists(home.resolve("ui.properties"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.log").toFile()).redirectErrorStream(true);
            builder.environment().put("FLOWBENCH_HOME", home.toString());
            builder.environment().remove(DesktopJvm.CHILD_VARIABLE);
            builder.environment().remove(DesktopJvm.SWITCH_VARIABLE);
            return new Session(builder.start(), home);
        }

        /** The options of the JVM the launcher started for the window. */
        List<String> childOptions() throws Exception {
            await(() -> child().isPresent(), "the launcher starts a second JVM");
            return child().flatMap(c -> c.info().arguments()).map(Arrays::asList).orElseThrow();
        }

        private Optional<ProcessHandle> child() {
            return launcher.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst();
        }

        /** The app is up once it has opened the flow's folder (it remembers it in ui.properties); then TERM, as a logout. */
        void awaitWindowThenClose() throws Exception {
            await(() -> Files.exists(home.resolve("ui.properties")), "the window opens the flow's folder");
            ProcessHandle app = child().orElseThrow();
            launcher.destroy();
            assertThat(launcher.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the launcher ends with its app").isTrue();
            assertThat(app.isAlive()).as("the app's JVM ended before its launcher").isFalse();
        }

        private void await(BooleanSupplier condition, String what) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(launcher.isAlive()).as(what + " (the launcher ended)").isTrue();
                assertThat(System.nanoTime()).as(what).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        private static String monocle() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> entry.contains("openjfx-monocle")).findFirst().orElseThrow();
        }
    }
}
