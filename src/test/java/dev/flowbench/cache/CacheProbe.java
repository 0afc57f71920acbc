package dev.flowbench.cache;

import dev.flowbench.store.Database;
import java.nio.file.Path;
import java.util.List;

/** A separate JVM that saves or restores one cache entry: for crash and memory tests. */
public final class CacheProbe {

    static final List<String> PATTERNS = List.of("data/**");

    private CacheProbe() {
    }

    /** Arguments: save|restore HOME DIRECTORY NAMESPACE/FLOW/TASK [PATTERN,PATTERN...] */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        Path directory = Path.of(args[2]);
        CacheKey key = CacheKey.parse(args[3]);
        List<String> patterns = args.length > 4 ? List.of(args[4].split(",")) : PATTERNS;
        try (Database database = Database.open(home.resolve("flowbench.db"))) {
            CacheStore store = CacheStore.open(database, home.resolve("cache"), Long.MAX_VALUE);
            if (args[0].equals("save")) {
                SaveResult result = store.save(key, patterns, null, directory, true, null, "probe");
                System.out.println(result.outcome() + " " + result.reason());
            } else {
                RestoreResult result = store.restore(key, patterns, null, directory, "probe");
                System.out.println((result.hit() ? "HIT " : "MISS ") + result.reason());
            }
        }
    }

    static Process start(String maxHeap, String... args) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-cp", System.getProperty("java.class.path"), CacheProbe.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
