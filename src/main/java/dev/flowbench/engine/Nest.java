package dev.flowbench.engine;

import dev.flowbench.runner.Cancellation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a task run sits: the task run it is nested in (null at the flow's top), the deadline it inherits (null for
 * none), the cancellation that stops it with its siblings, the Loop iteration it runs in (null outside loops), and
 * what Kestra lets its expressions see of the task runs around it: {@code parents} (the flowable tasks it is nested in
 * within its iteration, nearest first, each {@code {task: {id}}}) and, inside a WorkingDirectory, {@code workerTaskrun}
 * (the WorkingDirectory's run; kestra-oracle, working-directory-taskrun-nested.yml).
 */
record Nest(String parentRunId, Instant deadline, Cancellation cancellation, Iteration iteration,
            List<Map<String, Object>> parents, Map<String, Object> workerTaskrun) {

    /** At the flow's top. */
    static Nest top(Cancellation cancellation) {
        return new Nest(null, null, cancellation, null, List.of(), null);
    }

    /** Under the flowable task {@code taskId}'s run {@code runId}, in the same iteration. */
    Nest under(String taskId, String runId, Instant ownDeadline, Cancellation own) {
        return new Nest(runId, ownDeadline, own, iteration, around(taskId), workerTaskrun);
    }

    /**
     * The top of an iteration of a Kestra 1.x loop ({@code loopId}), run {@code runId}: unlike a Loop's, it sits in
     * the execution, under the loop, whose run carries the value of the iteration around it.
     */
    Nest legacyIteration(String loopId, String runId, Instant ownDeadline, Cancellation own, Iteration inner) {
        return new Nest(runId, ownDeadline, own, inner, around(loopId), workerTaskrun);
    }

    /** {@code parents} with the run of {@code taskId} first: in a 1.x loop's iteration, with the value it runs for. */
    private List<Map<String, Object>> around(String taskId) {
        List<Map<String, Object>> around = new ArrayList<>(parents.size() + 1);
        around.add(iteration != null && iteration.legacy()
                ? Map.of("task", Map.of("id", taskId), "taskrun", Map.of("value", iteration.value()))
                : Map.of("task", Map.of("id", taskId)));
        around.addAll(parents);
        return List.copyOf(around);
    }

    /** The top of a Loop's iteration, run {@code runId}: Kestra runs it as an execution of its own, nothing around it. */
    static Nest iterationTop(String runId, Instant deadline, Cancellation own, Iteration iteration) {
        return new Nest(runId, deadline, own, iteration, List.of(), null);
    }

    /** Inside the WorkingDirectory whose run is {@code worker}: its tasks see the WorkingDirectory's parents, not it. */
    Nest inWorkingDirectory(String runId, Instant ownDeadline, Cancellation own, Map<String, Object> worker) {
        return new Nest(runId, ownDeadline, own, iteration, parents, worker);
    }
}
