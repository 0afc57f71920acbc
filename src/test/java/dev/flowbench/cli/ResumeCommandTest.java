package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.app.RunHandle;
import dev.flowbench.app.Workspace;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.State;
import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowbench resume} goes on with an execution another run (here, one in this process) keeps paused. */
class ResumeCommandTest {

    @TempDir
    Path home;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        System.setProperty("flowbench.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("flowbench.home");
    }

    @Test
    void aPausedExecutionGoesOnWhenResumedAndNothingElseCanBe() throws Exception {
        try (Workspace workspace = Workspace.open(notice -> { })) {
            RunHandle run = workspace.startRun(new FlowValidator().validate("""
                    id: waits
                    namespace: q.pause
                    tasks:
                      - id: approve
                        type: io.kestra.plugin.core.flow.Pause
                      - id: after
                        type: io.kestra.plugin.core.log.Log
                        message: approved
                    """).flow(), Map.of(), null, List.of());
            String id = run.execution().id();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ValidateCommandTest.Result resumed;
            do { // until the history shows it paused
                Thread.sleep(50);
                resumed = ValidateCommandTest.run("resume", id.substring(0, 12));
            } while (resumed.exit() != 0 && System.nanoTime() < deadline);
            assertThat(resumed.exit()).isZero();
            assertThat(resumed.out()).contains("resumed execution " + id + ": approve goes on");
            ExecutionResult result = run.execution().await(Duration.ofSeconds(30));
            assertThat(result.state()).isEqualTo(State.SUCCESS);

            ValidateCommandTest.Result again = ValidateCommandTest.run("resume", id);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("execution " + id + " is not running (it ended SUCCESS): nothing to resume");
            assertThat(ValidateCommandTest.run("resume", "nosuch").exit()).isEqualTo(2);
        }
    }
}
