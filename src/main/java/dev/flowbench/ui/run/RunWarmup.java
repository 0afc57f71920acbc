package dev.flowbench.ui.run;

import dev.flowbench.engine.State;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.store.LogRecord;
import dev.flowbench.store.TaskRunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A made-up execution (a cached WorkingDirectory, a script, a failed task, a few dozen log lines) that the run panel
 * shows and lays out once while hidden, when the window is idle after it starts, then forgets. The first run's table
 * rows, badges and log rows otherwise run their code for the first time (interpreted, their classes initialised,
 * their skins made and styled) in the very frame that shows them: 100 ms or more that the user sees as the window
 * catching on Run. The rows made stay with the table, for the first run to use.
 */
final class RunWarmup {

    private RunWarmup() {
    }

    static ExecutionDetail madeUp() {
        Instant at = Instant.now();
        ExecutionSummary summary = new ExecutionSummary("warm-up", "flowbench", "warm_up", null, State.SUCCESS, null, "{}", at,
                at.plusMillis(40), 0, 0, null, 1, 0);
        List<TaskRunRecord> tasks = List.of(
                new TaskRunRecord("cached", "io.kestra.plugin.core.flow.WorkingDirectory", State.SUCCESS, null, at, at.plusMillis(30), "{}"),
                new TaskRunRecord("script", "io.kestra.plugin.scripts.shell.Commands", State.WARNING, "stderr", at, at.plusMillis(20),
                        "{\"exitCode\":0}"),
                new TaskRunRecord("log", "io.kestra.plugin.core.log.Log", State.FAILED, "failed", at.plusMillis(30), at.plusMillis(40), "{}"));
        List<LogRecord> logs = new ArrayList<>();
        logs.add(new LogRecord(1, at, "cached", null, "INFO", "cache", "cache HIT: restored 3 files (1.0 KB) in 0.01 s"));
        logs.add(new LogRecord(2, at, "cached", null, "INFO", "cache", "cache UNCHANGED: the files are those restored"));
        for (int i = 0; i < 60; i++) {
            logs.add(new LogRecord(3 + i, at, "script", null, i % 3 == 0 ? "WARN" : "INFO", i % 2 == 0 ? "stdout" : "stderr", "line " + i));
        }
        return new ExecutionDetail(summary, tasks, logs);
    }
}
