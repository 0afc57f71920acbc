package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two `flowbench run` processes of one cached flow at once: both get the whole tree, one of them by moving it. */
class ConcurrentCachedRunsTest {

    private static final Pattern DIGEST = Pattern.compile("digest ([0-9a-f]{32})");

    @TempDir
    Path home;
    @TempDir
    Path work;

    private Path flow() throws Exception {
        return Files.writeString(work.resolve("cached.yml"), """
                id: cached_at_once
                namespace: test
                inputs:
                  - id: pause
                    type: INT
                    defaults: 0
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    cache:
                      patterns: [deps/**]
                      ttl: PT1H
                    tasks:
                      - id: install
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - '[ -d deps ] || { mkdir -p deps/lib && seq 1 400 | while read i; do echo "module $i" > deps/lib/m$i.js; done; }'
                          - sleep {{ inputs.pause }}
                          - echo "$(ls deps/lib | wc -l) modules, digest $(cat deps/lib/*.js | md5sum | cut -c1-32)"
                """);
    }

    private Process start(Path output, String... args) throws Exception {
        return FlowbenchProcess.start(home, output, List.of(), args);
    }

    private String run(String name, String... args) throws Exception {
        Path output = work.resolve(name + ".log");
        Process process = start(output, args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        return Files.readString(output);
    }

    private static String digest(String output) {
        Matcher found = DIGEST.matcher(output);
        assertThat(found.find()).as(output).isTrue();
        return found.group(1);
    }

    @Test
    void twoRunsAtOnceBothGetTheWholeTree() throws Exception {
        Path flow = flow();
        String first = run("first", "run", flow.toString());
        assertThat(first).contains("cache SAVED", "400 modules");
        String expected = digest(first);

        Path outA = work.resolve("a.log");
        Path outB = work.resolve("b.log");
        Process a = start(outA, "run", "--input", "pause=6", flow.toString());
        Process b = start(outB, "run", "--input", "pause=6", flow.toString());
        assertThat(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String ranA = Files.readString(outA);
        String ranB = Files.readString(outB);
        assertThat(a.exitValue()).as(ranA).isZero();
        assertThat(b.exitValue()).as(ranB).isZero();
        for (String ran : List.of(ranA, ranB)) {
            assertThat(ran).contains("cache HIT: restored 400 files", "400 modules");
            assertThat(digest(ran)).isEqualTo(expected);
        }
        assertThat(List.of(ranA, ranB)).as("only one can take the kept tree; the other restores from the archive")
                .filteredOn(ran -> ran.contains("by moving back the last run's tree")).hasSize(1);

        String after = run("after", "run", flow.toString());
        assertThat(after).contains("by moving back the last run's tree", "400 modules");
        assertThat(digest(after)).isEqualTo(expected);
    }
}
