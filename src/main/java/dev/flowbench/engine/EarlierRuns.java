package dev.flowbench.engine;

import dev.flowbench.flow.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The successful task runs of earlier executions, by rendered definition (see {@link TaskDefinition}): what a part
 * of a flow ({@link RunScope}) takes the outputs of the tasks before it from, whether or not they declare
 * {@code taskCache}. Implementations must not throw: a history that cannot be read finds nothing, with its reason.
 */
public interface EarlierRuns {

    EarlierRuns NONE = (namespace, flowId, task, definition) ->
            new Lookup(Optional.empty(), "no history of earlier runs here");

    /**
     * A task run of an earlier execution: its type, outcome and rendered definition, and the SHA-256 of each output file
     * as it left them (null when recorded without them).
     */
    record TaskRun(String taskId, String taskType, TaskOutcome outcome, String definition, Map<String, String> outputFileDigests) {
    }

    /**
     * The run found: {@code run} itself, and the runs of the tasks nested in it in the same execution (a
     * WorkingDirectory's children), in the order they ran.
     */
    record Found(String executionId, TaskRun run, List<TaskRun> nested) {
    }

    /** What was found, or nothing; {@code reason} says why not (no earlier run, a changed definition). */
    record Lookup(Optional<Found> found, String reason) {
    }

    /** The latest successful run of {@code task} in this flow whose definition was {@code definition}. */
    Lookup find(String namespace, String flowId, Task task, String definition);
}
