package dev.flowbench.app;

import dev.flowbench.engine.Execution;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.store.ExecutionLogWriter;
import dev.flowbench.store.HistoryRecorder;
import java.util.ArrayList;
import java.util.List;

/** A run started by the {@link Workspace}: the execution, and, once it has ended, what could not be recorded of it. */
public final class RunHandle {

    private final Execution execution;
    private final HistoryRecorder recorder;
    private final ExecutionLogWriter log;

    RunHandle(Execution execution, HistoryRecorder recorder, ExecutionLogWriter log) {
        this.execution = execution;
        this.recorder = recorder;
        this.log = log;
    }

    public Execution execution() {
        return execution;
    }

    /** Completes once the history has the execution (running), or could not be given it (false). */
    public java.util.concurrent.CompletionStage<Boolean> inHistory() {
        return recorder.startWritten();
    }

    /**
     * What of the ended execution is missing from the history or its log file, and whether its end was recorded,
     * one sentence each; empty when everything was recorded.
     */
    public List<String> recordingProblems(ExecutionResult result) {
        List<String> problems = new ArrayList<>();
        String id = execution.id();
        if (recorder.failure() != null) {
            String recorded = recorder.endRecorded() ? "its final state " + result.state() + " was recorded"
                    : recorder.startRecorded() ? "its final state " + result.state() + " could not be recorded: the history"
                    + " will show the execution as incomplete" : "it is not in the history";
            problems.add("the history of execution " + id + " is incomplete: " + recorder.failure() + "; " + recorded);
        }
        if (log.failure() != null) {
            problems.add("the complete log of execution " + id + " could not be written: " + log.failure());
        }
        return problems;
    }
}
