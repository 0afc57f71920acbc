package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowbench.flow.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run at background priority: its task's process and its listeners' threads run at a nice value 10 higher. */
class RunPriorityTest {

    @TempDir
    Path home;

    /** The task prints its own nice value (the 19th field of /proc/self/stat). */
    private static final Flow FLOW = EngineFixture.flow("""
            id: nice
            namespace: test
            tasks:
              - id: nice
                type: io.kestra.plugin.scripts.shell.Commands
                commands: ["cut -d' ' -f19 /proc/self/stat"]
            """);

    private record Seen(int task, int listener) {
    }

    private Seen run(RunPriority priority) throws Exception {
        AtomicInteger listenerNice = new AtomicInteger(Integer.MIN_VALUE);
        StringBuilder printed = new StringBuilder();
        ExecutionListener listener = event -> {
            if (event instanceof ExecutionEvent.ExecutionStarted) {
                listenerNice.set(niceOfThisThread());
            } else if (event instanceof ExecutionEvent.LogLine line && "stdout".equals(line.stream())) {
                printed.append(line.message().strip());
            }
        };
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE)
                .withPriority(priority));
        ExecutionResult result = engine.start(FLOW, Map.of(), List.of(listener)).await(Duration.ofMinutes(1));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        return new Seen(Integer.parseInt(printed.toString()), listenerNice.get());
    }

    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void backgroundRunsTenNiceLevelsLowerThanNormalOnes() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        Seen normal = run(RunPriority.NORMAL);
        Seen background = run(RunPriority.BACKGROUND);
        assertThat(normal.task()).as("a normal run changes nothing").isEqualTo(niceOfThisThread());
        assertThat(background.task()).isEqualTo(Math.min(19, normal.task() + RunPriority.NICE));
        assertThat(background.listener()).isEqualTo(Math.min(19, normal.listener() + RunPriority.NICE));
    }
}
