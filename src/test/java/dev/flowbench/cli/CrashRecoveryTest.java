package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Flowbench process killed with kill -9: what it left is cleaned up at the next start, and the record stays true. */
class CrashRecoveryTest {

    @TempDir
    Path home;
    @TempDir
    Path work;

    private Path slowFlow() throws Exception {
        return Files.writeString(work.resolve("slow.yml"), """
                id: slow
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: sleeper
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - dd if=/dev/zero of=big.bin bs=1M count=8 2>/dev/null
                          - seq 1 5000
                          - echo $$ > %s
                          - echo sleeping now
                          - sleep 300
                """.formatted(work.resolve("pid")));
    }

    /** Starts {@code flowbench ARGS} with its output in a file; JVM options given here keep it in one JVM. */
    private Process start(List<String> jvmOptions, String... args) throws Exception {
        return FlowbenchProcess.start(home, work.resolve("out.log"), jvmOptions, args);
    }

    private void awaitOutput(String text) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(work.resolve("out.log")) && Files.readString(work.resolve("out.log")).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + Files.readString(work.resolve("out.log")));
    }

    private long scriptPid() throws Exception {
        return Long.parseLong(Files.readString(work.resolve("pid")).strip());
    }

    private static void awaitDeath(long pid) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid + " alive").isFalse();
    }

    /** The output of {@code flowbench ARGS}, run to its end as a user runs it. */
    private String cli(String... args) throws Exception {
        Process process = start(List.of(), args);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Files.readString(work.resolve("out.log"));
    }

    private JsonNode lastRun() throws Exception {
        return new ObjectMapper().readTree(cli("runs", "--json")).get(0);
    }

    @Test
    void afterAKill9TheNextStartClosesTheRunWithItsDurationAndRemovesWhatItLeft() throws Exception {
        Process flowbench = start(List.of("-XX:+UseSerialGC"), "run", slowFlow().toString());
        awaitOutput("sleeping now");
        Thread.sleep(3_000); // long enough for a heartbeat: the record should say it ran about this long
        long script = scriptPid();
        flowbench.destroyForcibly();
        assertThat(flowbench.waitFor(10, TimeUnit.SECONDS)).isTrue();
        try (var left = Files.list(home.resolve("work"))) {
            assertThat(left).as("the killed process's working directory is still there").hasSize(1);
        }

        JsonNode run = lastRun();
        assertThat(run.get("state").asText()).isEqualTo("KILLED");
        assertThat(run.get("message").asText()).startsWith("incomplete record: Flowbench stopped before recording");
        assertThat(run.get("durationMs").asLong()).as("the duration it had run").isGreaterThanOrEqualTo(1_500);
        try (var left = Files.list(home.resolve("work"))) {
            assertThat(left).as("removed at the next start").isEmpty();
        }
        awaitDeath(script);

        assertThat(cli("runs", "show", run.get("id").asText())).contains("[sleeper] 5000", "[sleeper] sleeping now",
                "the log ends here: Flowbench stopped writing it before the execution ended");
    }

    private Path cachedFlow() throws Exception {
        return Files.writeString(work.resolve("cached.yml"), """
                id: cached
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
                          - '[ -d deps ] || { mkdir -p deps/lib && seq 1 300 | while read i; do echo "module $i" > deps/lib/m$i.js; done; }'
                          - echo "$(cat deps/lib/m*.js | wc -l) modules"
                          - echo $$ > %s
                          - echo holding the tree
                          - sleep {{ inputs.pause }}
                """.formatted(work.resolve("pid")));
    }

    @Test
    void aRunKilledWhileItHoldsTheKeptTreeLeavesTheNextRunACompleteOne() throws Exception {
        Path flow = cachedFlow();
        assertThat(cli("run", flow.toString())).contains("cache SAVED", "300 modules");
        assertThat(cli("run", flow.toString())).contains("by moving back the last run's tree", "300 modules");

        Process holding = start(List.of("-XX:+UseSerialGC"), "run", "--input", "pause=300", flow.toString());
        awaitOutput("holding the tree");
        assertThat(Files.readString(work.resolve("out.log"))).contains("by moving back the last run's tree");
        long script = scriptPid();
        holding.destroyForcibly(); // kill -9 while the tree is the run's: it is in the run's working directory
        assertThat(holding.waitFor(10, TimeUnit.SECONDS)).isTrue();

        String next = cli("run", flow.toString()); // its start also stops what the killed run's task still ran
        awaitDeath(script);
        assertThat(next).contains("cache HIT: restored 300 files", "300 modules").doesNotContain("moving back");
        try (var left = Files.list(home.resolve("work"))) {
            assertThat(left).as("the killed run's working directory is gone").isEmpty();
        }
        assertThat(cli("run", flow.toString())).as("kept again by the run after").contains("by moving back", "300 modules");
    }

    @Test
    void aRelaunchedRunEndsCleanlyWhenItsParentIsKilled() throws Exception {
        Process flowbench = start(List.of(), "run", slowFlow().toString());
        awaitOutput("sleeping now");
        long script = scriptPid();
        List<ProcessHandle> children = flowbench.toHandle().children().toList();
        assertThat(children).as("the run happens in a JVM of its own").hasSize(1);
        String commandLine = Files.readString(Path.of("/proc", Long.toString(children.get(0).pid()), "cmdline")).replace('\0', ' ');
        assertThat(commandLine).contains(" -XX:+UseSerialGC -Xmn32m ");
        flowbench.destroyForcibly();
        children.get(0).onExit().get(20, TimeUnit.SECONDS);
        awaitDeath(script);

        JsonNode run = lastRun();
        assertThat(run.get("state").asText()).isEqualTo("KILLED");
        assertThat(run.get("message").asText()).isEqualTo("cancelled");
    }

    @Test
    void aRunWhoseLauncherIsKilledWhileAnExpressionRendersForEverEndsWithinSeconds() throws Exception {
        Path flow = Files.writeString(work.resolve("endless.yml"), """
                id: endless
                namespace: test
                tasks:
                  - id: first
                    type: io.kestra.plugin.core.log.Log
                    message: rendering next
                  - id: heavy
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}{% endfor %}{% endfor %}"
                """);
        Files.writeString(home.resolve("settings.properties"), "render.maxSteps=2000000000\n");
        Process flowbench = start(List.of(), "run", flow.toString());
        awaitOutput("rendering next");
        List<ProcessHandle> children = flowbench.toHandle().children().toList();
        assertThat(children).as("the run happens in a JVM of its own").hasSize(1);
        Thread.sleep(500); // well into the loops
        flowbench.destroyForcibly();
        children.get(0).onExit().get(20, TimeUnit.SECONDS);

        JsonNode run = lastRun();
        assertThat(run.get("state").asText()).isEqualTo("KILLED");
        assertThat(run.get("message").asText()).isEqualTo("cancelled");
    }
}
