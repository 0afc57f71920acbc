package dev.flowbench.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVMs: a save killed with SIGKILL leaves the previous entry whole; 2 GB go through a 256 MB heap. */
class CacheCrashAndScaleTest {

    private static final String KEY = "crash/flow/working_dir";

    @TempDir
    Path home;
    @TempDir
    Path work;

    @Test
    void killNineDuringASaveLeavesThePreviousEntryIntactAndNoPartialEntry() throws Exception {
        Path small = Files.createDirectories(work.resolve("small/data"));
        Files.writeString(small.resolve("v1.txt"), "version 1");
        assertThat(run("256m", "save", home.toString(), work.resolve("small").toString(), KEY)).startsWith("SAVED");

        Path big = Files.createDirectories(work.resolve("big/data"));
        writeNoise(big, 12, 40 * 1024 * 1024); // 480 MB of incompressible data: seconds to save
        Process saving = CacheProbe.start("256m", "save", home.toString(), work.resolve("big").toString(), KEY);
        Path tmp = home.resolve("cache/tmp");
        long deadline = System.currentTimeMillis() + 60_000;
        while (partialSize(tmp) < 20 * 1024 * 1024 && System.currentTimeMillis() < deadline && saving.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(saving.isAlive()).as("the save must still be running when killed").isTrue();
        saving.destroyForcibly(); // SIGKILL
        assertThat(saving.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(partialSize(tmp)).as("a partial archive was being written").isPositive();

        Path restored = Files.createDirectories(work.resolve("restored"));
        assertThat(run("256m", "restore", home.toString(), restored.toString(), KEY)).startsWith("HIT");
        assertThat(restored.resolve("data/v1.txt")).hasContent("version 1");
        assertThat(restored.resolve("data")).isDirectoryContaining(p -> p.getFileName().toString().equals("v1.txt"));
        try (Stream<Path> files = Files.list(restored.resolve("data"))) {
            assertThat(files.count()).isEqualTo(1);
        }
        try (Stream<Path> leftovers = Files.list(tmp)) {
            assertThat(leftovers.toList()).as("partial files are cleaned on the next open").isEmpty();
        }
        try (Database database = Database.open(home.resolve("flowbench.db")); Stream<Path> archives = Files.list(home.resolve("cache/entries"))) {
            assertThat(archives.count()).isEqualTo(1);
            assertThat(CacheStore.open(database, home.resolve("cache"), Long.MAX_VALUE).list()).hasSize(1);
        }
    }

    @Test
    void twoGigabytesSaveAndRestoreWithinA256MegabyteHeap() throws Exception {
        Path data = Files.createDirectories(work.resolve("tree/data"));
        writeCompressible(data, 8, 256L * 1024 * 1024);
        assertThat(run("256m", "save", home.toString(), work.resolve("tree").toString(), KEY)).startsWith("SAVED");
        Files.walk(work.resolve("tree")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Path restored = Files.createDirectories(work.resolve("restored"));
        assertThat(run("256m", "restore", home.toString(), restored.toString(), KEY)).startsWith("HIT");
        long total;
        try (Stream<Path> files = Files.list(restored.resolve("data"))) {
            total = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(total).isEqualTo(8 * 256L * 1024 * 1024);
    }

    private static String run(String heap, String... args) throws Exception {
        Process process = CacheProbe.start(heap, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.startsWith("SLF4J")).reduce((a, b) -> b).orElse("");
    }

    private static long partialSize(Path tmp) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void writeNoise(Path dir, int files, int bytesEach) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        for (int i = 0; i < files; i++) {
            try (OutputStream out = Files.newOutputStream(dir.resolve("noise-" + i + ".bin"))) {
                for (int written = 0; written < bytesEach; written += block.length) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
        }
    }

    /** Large files that compress well, so the test is about memory, not disk or CPU. */
    private static void writeCompressible(Path dir, int files, long bytesEach) throws IOException {
        byte[] block = new byte[1024 * 1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ("flowbench cache ".charAt(i % 16) + (i / 4096) % 3);
        }
        for (int i = 0; i < files; i++) {
            try (OutputStream out = Files.newOutputStream(dir.resolve("big-" + i + ".bin"))) {
                for (long written = 0; written < bytesEach; written += block.length) {
                    out.write(block);
                }
            }
        }
    }

}
