package dev.flowbench.flow.pebble;

import java.util.List;
import java.util.Map;

/**
 * What Kestra's execution functions read from the execution an expression renders in: an engine puts one in the
 * variables under {@link #VARIABLE}; rendered elsewhere (the validator), the functions say they need an execution.
 */
public interface ExecutionView {

    /** The variables' key of the view: not a name a flow can write ({@code __} is no Pebble identifier start Kestra uses). */
    String VARIABLE = "__flowbench_execution";

    /** Kestra's {@code errorLogs()}: the execution's ERROR lines so far, each {taskId, message, level, timestamp}. */
    List<Map<String, Object>> errorLogs();

    /** Kestra's {@code tasksWithState(state)}: the task runs ended in {@code state}, each {taskId, state}. */
    List<Map<String, Object>> tasksWithState(String state);
}
