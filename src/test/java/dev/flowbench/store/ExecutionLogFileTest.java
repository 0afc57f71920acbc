package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete log file keeps each line's task and task run: an iteration's lines are told apart after the run. */
class ExecutionLogFileTest {

    @TempDir
    Path executions;

    @Test
    void eachLineKeepsItsTaskRun() throws Exception {
        ExecutionLogWriter writer = new ExecutionLogWriter(executions);
        Instant at = Instant.ofEpochMilli(1_000);
        writer.onEvent(new ExecutionEvent.ExecutionStarted("e1", at, "ns", "f", Map.of()));
        writer.onEvent(new ExecutionEvent.LogLine("e1", at, "body", "run-0", LogLevel.INFO, "stdout", "first"));
        writer.onEvent(new ExecutionEvent.LogLine("e1", at, "body", "run-1", LogLevel.INFO, "stdout", "second"));
        writer.onEvent(new ExecutionEvent.LogLine("e1", at, null, null, LogLevel.WARN, "flowbench", "engine"));
        writer.onEvent(new ExecutionEvent.ExecutionFinished("e1", at, State.SUCCESS, Duration.ZERO, null));
        assertThat(writer.failure()).isNull();

        List<LogRecord> lines = new ArrayList<>();
        ExecutionLogs.Read read = ExecutionLogs.read(ExecutionLogs.file(executions, "e1"), lines::add);
        assertThat(read.complete()).isTrue();
        assertThat(lines).extracting(LogRecord::taskId, LogRecord::taskRunId, LogRecord::message).containsExactly(
                tuple("body", "run-0", "first"), tuple("body", "run-1", "second"), tuple(null, null, "engine"));
    }
}
