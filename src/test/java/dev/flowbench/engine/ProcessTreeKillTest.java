package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts and cancellation kill the whole process tree: children, grandchildren, background jobs. */
class ProcessTreeKillTest {

    @TempDir
    Path home;
    @TempDir
    Path pids;

    private String treeFlow(String timeout) {
        return """
                id: tree
                namespace: test
                tasks:
                  - id: spawner
                    type: io.kestra.plugin.scripts.shell.Commands
                %s
                    commands:
                      - sleep 300 & echo $! >> %s
                      - bash -c 'sleep 301 & echo $! >> %s; sleep 302 & echo $! >> %s; wait' &
                      - echo $! >> %s
                      - echo $$ >> %s
                      - echo started
                      - sleep 303
                  - id: never
                    type: io.kestra.plugin.core.log.Log
                    message: not reached
                finally:
                  - id: cleanup
                    type: io.kestra.plugin.core.log.Log
                    message: finally ran
                """.formatted(timeout, file(), file(), file(), file(), file());
    }

    private String file() {
        return pids.resolve("pids").toString();
    }

    private List<Long> recordedPids() throws Exception {
        return Files.readAllLines(pids.resolve("pids")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
    }

    private static void assertAllDead(List<Long> pids) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        List<Long> alive = pids;
        while (System.currentTimeMillis() < deadline) {
            alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(alive).as("processes still alive").isEmpty();
    }

    @Test
    void aTimeoutKillsTheTreeAndTheTaskEndsKilled() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        long start = System.nanoTime();
        ExecutionResult result = engine.run(treeFlow("    timeout: PT2S"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.taskStates()).containsEntry("spawner", State.KILLED).containsEntry("cleanup", State.SUCCESS)
                .doesNotContainKey("never");
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("spawner").message()).contains("timed out after PT2S");
        List<Long> pids = recordedPids();
        assertThat(pids).hasSize(5);
        assertAllDead(pids);
    }

    @Test
    void cancellingKillsTheTreeAndEndsTheExecutionKilled() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start(treeFlow(""), Map.of());
        long deadline = System.currentTimeMillis() + 20_000;
        while (!engine.logs("spawner").contains("started") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.logs("spawner")).contains("started");
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(20));
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertThat(result.taskStates()).containsEntry("spawner", State.KILLED).doesNotContainKeys("never", "cleanup");
        assertAllDead(recordedPids());
        Optional<ExecutionEvent.ExecutionFinished> end = engine.eventsOf(ExecutionEvent.ExecutionFinished.class).stream().findFirst();
        assertThat(end).hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.KILLED));
    }

    @Test
    void aWorkingDirectoryTimeoutCoversItsChildren() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: wd_timeout
                namespace: test
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    timeout: PT1S
                    tasks:
                      - id: slow
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [sleep 60]
                """);
        assertThat(result.taskStates()).containsEntry("slow", State.KILLED);
        assertThat(result.state()).isEqualTo(State.FAILED);
    }

    /** Children that leave the session and the tree: setsid -f, a subshell's setsid, a Python double fork. */
    private String escapingFlow(String timeout) {
        String pidsFile = file();
        return """
                id: escapes
                namespace: test
                tasks:
                  - id: escaper
                    type: io.kestra.plugin.scripts.shell.Commands
                %s
                    commands:
                      - setsid -f bash -c 'echo $$ >> %s; exec sleep 300'
                      - ( setsid bash -c 'echo $$ >> %s; exec sleep 301' & )
                      - |
                        python3 - <<'PY'
                        import os, time
                        if os.fork() == 0:
                            os.setsid()
                            if os.fork() == 0:
                                with open('%s', 'a') as f:
                                    f.write(str(os.getpid()) + '\\n')
                                time.sleep(302)
                        PY
                      - until [ -f %s ] && [ "$(wc -l < %s)" -ge 3 ]; do sleep 0.05; done
                      - echo started
                      - sleep 303
                """.formatted(timeout, pidsFile, pidsFile, pidsFile, pidsFile, pidsFile);
    }

    @Test
    void aTimeoutKillsChildrenThatLeftTheSessionPromptly() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(escapingFlow("    timeout: PT3S"));
        assertThat(result.taskStates()).containsEntry("escaper", State.KILLED);
        List<Long> pids = recordedPids();
        assertThat(pids).hasSize(3);
        assertAllDead(pids);
        assertThat(engine.finished("escaper").duration()).as("killed soon after its timeout, not after waiting for its output")
                .isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void cancellingKillsChildrenThatLeftTheSession() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start(escapingFlow(""), Map.of());
        long deadline = System.currentTimeMillis() + 20_000;
        while (!engine.logs("escaper").contains("started") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.logs("escaper")).contains("started");
        long cancelledAt = System.nanoTime();
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(20));
        Duration untilKilled = Duration.ofNanos(System.nanoTime() - cancelledAt);
        assertThat(result.state()).isEqualTo(State.KILLED);
        assertAllDead(recordedPids());
        assertThat(untilKilled).as("KILLED soon after the cancel").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void backgroundProcessesAreStoppedWhenTheExecutionEnds() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: daemon
                namespace: test
                tasks:
                  - id: start_daemon
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - setsid -f bash -c 'echo $$ >> %s; exec sleep 300' > /dev/null 2>&1
                      - while [ ! -s %s ]; do sleep 0.05; done
                  - id: uses_it
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - kill -0 $(cat %s) && echo daemon alive
                """.formatted(file(), file(), file()));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("uses_it")).as("a background process lives on while the execution runs").contains("daemon alive");
        assertAllDead(recordedPids());
        assertThat(engine.eventsOf(ExecutionEvent.LogLine.class)).anySatisfy(line ->
                assertThat(line.message()).contains("stopped 1 background process"));
    }

    /**
     * Up to 500 children, each recording its pid as it starts: on a busy machine the timeout may come before the
     * last is forked, and every one forked by then must be gone when the task ends.
     */
    @Test
    void aTimeoutKillsHundredsOfChildrenAndNoneIsLeftWhenTheTaskEnds() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: many
                namespace: test
                tasks:
                  - id: spawn
                    type: io.kestra.plugin.scripts.shell.Commands
                    timeout: PT8S
                    commands:
                      - for i in $(seq 1 500); do sleep 300 & echo $! >> %s; done
                      - wait
                """.formatted(file()));
        assertThat(result.taskStates()).containsEntry("spawn", State.KILLED);
        List<Long> pids = recordedPids();
        assertThat(pids).as("children forked before the timeout").hasSizeGreaterThanOrEqualTo(100);
        assertThat(pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !isZombie(pid))).as("alive when the task ended").isEmpty();
    }

    /**
     * A timeout written as a whole number is seconds, as Kestra reads it: kestra-oracle run (Kestra 2.0) ends
     * {@code timeout: 5} around {@code sleep 2} in SUCCESS.
     */
    @Test
    void aTimeoutWrittenAsAWholeNumberIsSeconds() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: seconds
                namespace: test
                tasks:
                  - id: sleepy
                    type: io.kestra.plugin.scripts.shell.Commands
                    timeout: 5
                    commands:
                      - sleep 2
                  - id: too_long
                    type: io.kestra.plugin.scripts.shell.Commands
                    timeout: 1
                    commands:
                      - sleep 30
                """);
        assertThat(result.taskStates()).containsEntry("sleepy", State.SUCCESS).containsEntry("too_long", State.KILLED);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (Exception e) {
            return true;
        }
    }
}
