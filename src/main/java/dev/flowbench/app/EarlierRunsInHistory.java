package dev.flowbench.app;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.EarlierRuns;
import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.Task;
import dev.flowbench.store.HistoryStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Earlier runs from the history: every execution records each task run's rendered definition, so a part of a flow
 * finds the latest successful run of the same one, whichever process ran it (the window or the command line).
 */
final class EarlierRunsInHistory implements EarlierRuns {

    private static final TypeReference<LinkedHashMap<String, Object>> OUTPUTS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> DIGESTS = new TypeReference<>() { };

    private final HistoryStore history;

    EarlierRunsInHistory(HistoryStore history) {
        this.history = history;
    }

    @Override
    public Lookup find(String namespace, String flowId, Task task, String definition) {
        try {
            Optional<HistoryStore.PastTaskRun> same = history.latestSuccess(namespace, flowId, task.id(), definition);
            if (same.isEmpty()) {
                return new Lookup(Optional.empty(), history.latestSuccess(namespace, flowId, task.id(), null)
                        .map(other -> "its definition changed since execution " + other.executionId()
                                + " (the task, or an input or upstream output it reads)")
                        .orElse("no earlier successful run of it"));
            }
            HistoryStore.PastTaskRun run = same.get();
            List<TaskRun> nested = new ArrayList<>();
            List<String> ids = task.ids();
            for (HistoryStore.PastTaskRun child : history.taskRuns(run.executionId(), ids.subList(1, ids.size()))) {
                nested.add(taskRun(child));
            }
            Instant now = Instant.now();
            String reason = "reused the outputs of execution " + run.executionId() + " from "
                    + Figures.ago(run.endedAt() == null ? now : run.endedAt(), now);
            return new Lookup(Optional.of(new Found(run.executionId(), taskRun(run), List.copyOf(nested))), reason);
        } catch (Exception e) {
            return new Lookup(Optional.empty(), "the history could not be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static TaskRun taskRun(HistoryStore.PastTaskRun run) throws IOException {
        Map<String, Object> outputs = JsonValues.mapper().readValue(run.outputsJson(), OUTPUTS);
        Map<String, String> digests = run.digestsJson() == null ? null : JsonValues.mapper().readValue(run.digestsJson(), DIGESTS);
        return new TaskRun(run.taskId(), run.taskType(), new TaskOutcome(run.state(), run.message(), outputs), run.definition(),
                digests);
    }
}
