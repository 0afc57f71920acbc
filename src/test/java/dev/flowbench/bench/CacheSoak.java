package dev.flowbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cache's concurrency cases, repeated: in each round two executions of one cached flow run in two Flowbench
 * processes sharing a home, one of them leaving background writers that wake up after its WorkingDirectory ended
 * (while its execution goes on, and while the other execution may hold the tree it left). Every tree a HIT hands back
 * is checked by checksum against the trees the rounds saved (each generation of the tree has one checksum, made here
 * apart), and the reader checks that its tree does not change under it while it runs. Run with
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench=soak [-Dsoak.rounds=200]}; exits 1 when a tree was wrong.
 */
final class CacheSoak {

    /** Rounds between two generations of the tree (a new generation is a MISS... SAVED somewhere in the round). */
    private static final int ROUNDS_PER_GENERATION = 10;
    private static final Pattern RESTORED = Pattern.compile("\\[use] restored ([0-9a-f]{16})");
    private static final Pattern HAVE = Pattern.compile("\\[use] have ([0-9a-f]{16})");
    private static final Pattern STILL = Pattern.compile("\\[use] still ([0-9a-f]{16})");
    private static final Pattern LEFT = Pattern.compile("\\[use] left ([0-9a-f]{16})");
    private static final Pattern CACHE = Pattern.compile("\\[wd] cache (HIT|MISS|SAVED|UNCHANGED|NOT_SAVED): (.*)");
    private static final Pattern END = Pattern.compile("^(SUCCESS|WARNING|FAILED|KILLED) in ", Pattern.MULTILINE);

    /** The function both the flow and the soak checksum a tree with: its files' paths and contents. */
    private static final String SUM = "sum() { find deps -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 -r sha256sum"
            + " | sha256sum | cut -c1-16; }";

    private static final String FLOW = """
            id: soak
            namespace: soak
            inputs:
              - id: role
                type: STRING
              - id: generation
                type: INT
            tasks:
              - id: wd
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: ["deps/**"]
                  ttl: PT1H
                tasks:
                  - id: use
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - |
                        %s
                        echo "restored $(sum)"
                        if [ "$(cat deps/GEN 2>/dev/null)" != "{{ inputs.generation }}" ]; then
                          rm -rf deps && mkdir -p deps/sub
                          for i in $(seq 1 50); do echo "{{ inputs.generation }}-$i" > deps/sub/f$i; done
                          echo {{ inputs.generation }} > deps/GEN
                        fi
                        echo "have $(sum)"
                        if [ "{{ inputs.role }}" = writer ]; then
                          (sleep 1.$((RANDOM %% 9)); echo "late-$RANDOM" > deps/sub/f1; echo in > deps/intruder) > /dev/null 2>&1 &
                          (sleep 2.$((RANDOM %% 9)); echo "later-$RANDOM" > deps/sub/f2) > /dev/null 2>&1 &
                        else
                          sleep 1.5
                          echo "still $(sum)"
                        fi
                        echo "left $(sum)"
              - id: after
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - sleep 3
            """.formatted(SUM);

    private CacheSoak() {
    }

    /** What the rounds saw, and what was wrong. */
    private static final class Tally {
        int runs;
        int hits;
        int keptHits;
        int misses;
        int saves;
        int unchanged;
        int treesChecked;
        final List<String> wrong = new ArrayList<>();
    }

    static int run() throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 200);
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))), "soak");
        Path flow = Files.writeString(dir.resolve("soak.yml"), FLOW);
        Map<Integer, String> expected = new HashMap<>();
        Tally tally = new Tally();
        System.out.printf("cache soak: %d rounds, two executions a round in two processes, home %s%n", rounds, dir.resolve("home"));
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            int generation = round / ROUNDS_PER_GENERATION;
            String sum = expected.computeIfAbsent(generation, g -> checksumOf(dir, g));
            Path writerOut = dir.resolve("writer.out");
            Path readerOut = dir.resolve("reader.out");
            Process writer = flowbench(dir, flow, "writer", generation, writerOut);
            if (round % 2 == 1) { // the reader starts as the writer's WorkingDirectory ends: its writers are about to wake
                awaitLine(writerOut, CACHE, writer, 120);
            }
            Process reader = flowbench(dir, flow, "reader", generation, readerOut);
            finish(writer, 180);
            finish(reader, 180);
            check(round, "writer", Files.readString(writerOut), expected, sum, tally);
            check(round, "reader", Files.readString(readerOut), expected, sum, tally);
            if ((round + 1) % 20 == 0 || round + 1 == rounds) {
                System.out.printf("  round %3d: %d runs, %d hits (%d moving the kept tree back), %d misses, %d saved, %d unchanged,"
                        + " %d trees checked, %d wrong%n", round + 1, tally.runs, tally.hits, tally.keptHits, tally.misses,
                        tally.saves, tally.unchanged, tally.treesChecked, tally.wrong.size());
            }
        }
        System.out.printf("cache soak: %d rounds in %.0f s; %d trees checked against their checksums, %d wrong%n", rounds,
                (System.nanoTime() - start) / 1e9, tally.treesChecked, tally.wrong.size());
        tally.wrong.forEach(w -> System.out.println("  WRONG " + w));
        if (tally.wrong.isEmpty()) {
            deleteQuietly(dir);
            return 0;
        }
        System.out.println("  (the home is kept for a look: " + dir + ")");
        return 1;
    }

    /**
     * One run's output against what must hold: it ended SUCCESS; a HIT handed back a tree a round saved (one of the
     * generations' checksums), a MISS an empty one; the reader's tree did not change under it; what a run saved is its
     * generation's tree.
     */
    private static void check(int round, String role, String out, Map<Integer, String> expected, String current, Tally tally) {
        tally.runs++;
        String where = "round " + round + ", " + role + ": ";
        Matcher end = END.matcher(out);
        if (!end.find() || !end.group(1).equals("SUCCESS")) {
            tally.wrong.add(where + "did not end SUCCESS:\n" + out);
            return;
        }
        List<String> decisions = all(CACHE, out, 1);
        String restored = first(RESTORED, out);
        String left = first(LEFT, out);
        if (decisions.size() != 2 || restored == null || left == null) {
            tally.wrong.add(where + "cache decisions or checksums missing:\n" + out);
            return;
        }
        String before = decisions.get(0);
        String after = decisions.get(1);
        if (before.equals("HIT")) {
            tally.hits++;
            tally.keptHits += out.contains("by moving back the last run's tree") ? 1 : 0;
            tally.treesChecked++;
            if (!expected.containsValue(restored)) {
                tally.wrong.add(where + "a HIT handed back a tree no round saved (" + restored + "):\n" + out);
            }
        } else {
            tally.misses++;
        }
        if (role.equals("reader")) {
            tally.treesChecked++;
            if (!first(HAVE, out).equals(first(STILL, out))) {
                tally.wrong.add(where + "its tree changed while it ran:\n" + out);
            }
        }
        if (after.equals("SAVED")) {
            tally.saves++;
            if (!left.equals(current) && role.equals("reader")) {
                tally.wrong.add(where + "saved a tree that is not its generation's (" + left + ", not " + current + ")");
            }
        } else if (after.equals("UNCHANGED")) {
            tally.unchanged++;
            if (!left.equals(restored)) {
                tally.wrong.add(where + "said UNCHANGED of a tree that changed:\n" + out);
            }
        }
    }

    /** The checksum of generation {@code g}'s tree, made by the same commands in a folder of its own. */
    private static String checksumOf(Path dir, int g) {
        try {
            Path folder = Files.createDirectories(dir.resolve("expected-" + g));
            String script = SUM + "\nmkdir -p deps/sub && for i in $(seq 1 50); do echo \"" + g + "-$i\" > deps/sub/f$i; done"
                    + " && echo " + g + " > deps/GEN && sum";
            Process bash = new ProcessBuilder("bash", "-c", script).directory(folder.toFile()).redirectErrorStream(true).start();
            String sum = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            bash.waitFor();
            return sum;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process flowbench(Path dir, Path flow, String role, int generation, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher", "run", flow.toString(),
                "--input", "role=" + role, "--input", "generation=" + generation));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("FLOWBENCH_HOME", dir.resolve("home").toString());
        return builder.start();
    }

    private static void awaitLine(Path out, Pattern line, Process process, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(out) && line.matcher(Files.readString(out)).results().count() >= 2) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static void finish(Process process, int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("a run did not end within " + seconds + " s");
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> all(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it some day
        }
    }
}
