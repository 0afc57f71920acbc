package dev.flowbench.bench;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.cache.CacheKey;
import dev.flowbench.cache.CacheStore;
import dev.flowbench.cache.RestoreResult;
import dev.flowbench.cache.SaveResult;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saves and restores a generated node_modules-like tree (20,000 files, about 180 MB) with Flowbench's
 * cache, against `tar | zstd -T0 -3` and `zstd -d | tar -x` on the same tree, and against Kestra's way
 * (a zip built in memory with java.util.zip, then unzipped), all in the same run. Then the warm HIT (the tree the
 * last run left, kept beside its archive, moved back) against `zstd -d | tar -x` timed right beside it, and a whole
 * flow run with a HIT against the same flow without a cache.
 */
final class CacheBenchmark {

    private static final int FILES = 20_000;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final List<String> PATTERNS = List.of("node_modules/**");
    /** save, restore, tar save, tar restore, zip save, zip restore, UNCHANGED, warm HIT, tar restore beside it */
    private static final int STEPS = 9;

    private CacheBenchmark() {
    }

    static void run() throws Exception {
        requireTools();
        // -Dbench.dir=/dev/shm measures on a RAM disk: the software's cost without the disk's
        Path parent = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
        Path root = Files.createTempDirectory(parent, "flowbench-cache-bench-");
        System.out.println("cache: working in " + root + " (" + Files.getFileStore(root).type() + ")");
        try {
            Path source = Files.createDirectories(root.resolve("source"));
            long bytes = generateTree(source.resolve("node_modules"));
            System.out.printf("cache: generated tree of %,d files, %.1f MB%n", FILES, bytes / 1e6);
            long[][] times = new long[STEPS][ROUNDS];
            double[] warmRatios = new double[ROUNDS];
            try (Database database = Database.open(root.resolve("flowbench.db"))) {
                CacheStore store = CacheStore.open(database, root.resolve("cache"), Long.MAX_VALUE);
                round(store, source, root, new long[STEPS], 0); // warm-up
                for (int r = 0; r < ROUNDS; r++) {
                    long[] one = new long[STEPS];
                    round(store, source, root, one, r + 1);
                    for (int i = 0; i < STEPS; i++) {
                        times[i][r] = one[i];
                    }
                    warmRatios[r] = (double) one[7] / one[8];
                }
                printRounds(times, warmRatios);
                EndToEnd.run(store, source, root, ROUNDS);
            }
        } finally {
            WorkFiles.deleteTree(root);
        }
    }

    private static void printRounds(long[][] times, double[] warmRatios) {
        double save = Benchmarks.medianMillis(times[0]);
        double restore = Benchmarks.medianMillis(times[1]);
        double tarSave = Benchmarks.medianMillis(times[2]);
        double tarRestore = Benchmarks.medianMillis(times[3]);
        double zipSave = Benchmarks.medianMillis(times[4]);
        double zipRestore = Benchmarks.medianMillis(times[5]);
        System.out.printf("  %-34s %9s %9s %9s%n", "(median of " + ROUNDS + " rounds, ms)", "save", "restore", "both");
        row("flowbench (tar+zstd, streamed)", save, restore);
        row("tar | zstd -T0 -3 (reference)", tarSave, tarRestore);
        row("in-memory zip (Kestra's way)", zipSave, zipRestore);
        System.out.printf(Locale.ROOT, "  ratios vs tar+zstd: save %.2fx, restore %.2fx (target: <= 1.00x)%n",
                save / tarSave, restore / tarRestore);
        System.out.printf(Locale.ROOT, "  speed-up vs in-memory zip: save %.1fx, restore %.1fx, round trip %.1fx (target: >= 3x)%n",
                zipSave / save, zipRestore / restore, (zipSave + zipRestore) / (save + restore));
        double unchanged = Benchmarks.medianMillis(times[6]);
        double warm = Benchmarks.medianMillis(times[7]);
        double beside = Benchmarks.medianMillis(times[8]);
        System.out.printf(Locale.ROOT, "  warm HIT (the kept tree moved back)  %7.0f ms; zstd -d | tar -x right beside it %7.0f ms:"
                + " ratio %.3fx, median of the rounds' ratios (target: <= 0.15x)%n", warm, beside, median(warmRatios));
        System.out.printf(Locale.ROOT, "  UNCHANGED (a tree as restored)        %7.0f ms: %.2fx the save%n", unchanged, unchanged / save);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void row(String name, double save, double restore) {
        System.out.printf(Locale.ROOT, "  %-34s %9.0f %9.0f %9.0f%n", name, save, restore, save + restore);
    }

    /**
     * One round, each step into folders and files of its own: nothing is deleted until the end, because on
     * this machine's disk, creating files where many were just deleted is up to ten times slower (kernel
     * time), which would measure the disk's state rather than the tools.
     */
    private static void round(CacheStore store, Path source, Path root, long[] times, int round) throws Exception {
        CacheKey key = new CacheKey("bench", "cache", "round-" + round);
        settle();
        long start = System.nanoTime();
        SaveResult saved = store.save(key, PATTERNS, null, source, true, null, "bench");
        times[0] = System.nanoTime() - start;
        check(saved.outcome() == CacheResult.SAVED, "save: " + saved.reason());

        Path restored = fresh(root.resolve("restored-" + round));
        settle();
        start = System.nanoTime();
        RestoreResult result = store.restore(key, PATTERNS, null, restored, "bench");
        times[1] = System.nanoTime() - start;
        check(result.hit(), "restore: " + result.reason());
        check(result.files() == FILES + 50, "restored " + result.files() + " files and links");

        Path archive = root.resolve("reference-" + round + ".tar.zst");
        shell("sync");
        start = System.nanoTime();
        shell("tar -cf - -C " + source + " node_modules | zstd -T0 -3 -q -o " + archive);
        times[2] = System.nanoTime() - start;
        Path extracted = fresh(root.resolve("extracted-" + round));
        start = System.nanoTime();
        shell("zstd -d -q -c " + archive + " | tar -xf - -C " + extracted);
        times[3] = System.nanoTime() - start;

        // the restored tree, left as it was by its run, is kept; the next HIT moves it back
        settle();
        start = System.nanoTime();
        SaveResult unchanged = store.save(key, PATTERNS, null, restored, true, result.manifest(), "bench");
        times[6] = System.nanoTime() - start;
        check(unchanged.outcome() == CacheResult.UNCHANGED, "unchanged: " + unchanged.reason());
        store.release(restored).ifPresent(why -> check(false, "not kept: " + why));
        Path warm = fresh(root.resolve("warm-" + round));
        settle();
        start = System.nanoTime();
        RestoreResult warmHit = store.restore(key, PATTERNS, null, warm, "bench");
        times[7] = System.nanoTime() - start;
        check(warmHit.reason().contains("moving back"), "warm hit: " + warmHit.reason());
        Path beside = fresh(root.resolve("beside-" + round));
        start = System.nanoTime();
        shell("zstd -d -q -c " + archive + " | tar -xf - -C " + beside);
        times[8] = System.nanoTime() - start;

        settle();
        start = System.nanoTime();
        byte[] zip = zipInMemory(source);
        times[4] = System.nanoTime() - start;
        Path unzipped = fresh(root.resolve("unzipped-" + round));
        settle();
        start = System.nanoTime();
        unzip(zip, unzipped);
        times[5] = System.nanoTime() - start;
    }

    /** Kestra builds the archive in memory with java.util.zip (regular files only). */
    private static byte[] zipInMemory(Path source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(source.relativize(file).toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void unzip(byte[] zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    in.transferTo(out);
                }
            }
        }
    }

    /** node_modules-like: many small JavaScript-ish files, a few large ones, .bin symlinks, exec bits. */
    static long generateTree(Path root) throws IOException {
        Random random = new Random(20_000);
        String[] words = ("function return const let var require module exports this that value options callback "
                + "error result data index length prototype object string number array undefined null true false "
                + "if else for while switch case break continue new typeof instanceof async await promise then").split(" ");
        long total = 0;
        int packages = 800;
        for (int i = 0; i < FILES; i++) {
            Path dir = root.resolve("pkg-" + (i % packages)).resolve(i % 3 == 0 ? "lib" : i % 3 == 1 ? "dist" : "src");
            Files.createDirectories(dir);
            int size = i % 500 == 0 ? 600_000 + random.nextInt(400_000) : 2_000 + random.nextInt(12_000);
            StringBuilder content = new StringBuilder(size + 64);
            while (content.length() < size) {
                content.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? ";\n" : " ");
                if (random.nextInt(30) == 0) {
                    content.append(Integer.toHexString(random.nextInt()));
                }
            }
            Path file = dir.resolve("file-" + i + ".js");
            Files.writeString(file, content);
            total += Files.size(file);
        }
        Path bin = Files.createDirectories(root.resolve(".bin"));
        for (int p = 0; p < 50; p++) {
            Files.createSymbolicLink(bin.resolve("tool-" + p), Path.of("../pkg-" + p + "/lib/file-" + (p * 3) + ".js"));
        }
        return total;
    }

    /** Before a timed Java step: disk writes flushed, and the garbage of the previous steps collected. */
    static void settle() throws Exception {
        shell("sync");
        System.gc();
    }

    /** A new empty folder, with what was written before flushed to disk so that it does not slow what is timed next. */
    static Path fresh(Path dir) throws Exception {
        Files.createDirectories(dir);
        shell("sync");
        return dir;
    }

    static void shell(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).inheritIO().start();
        check(process.waitFor() == 0, "failed: " + command);
    }

    private static void requireTools() throws Exception {
        Process process = new ProcessBuilder("bash", "-c", "command -v zstd && command -v tar").start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the cache benchmark compares with the zstd and tar commands: apt-get install zstd tar");
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
