package dev.flowbench.engine;

import dev.flowbench.flow.Flow;
import java.util.List;
import java.util.Optional;

/**
 * What a Subflow task needs from around the engine: the flows it may start (the workspace's folders of flows), and who
 * follows the child executions it starts (their history and log, as for any execution).
 */
public interface Subflows {

    /** A flow found for a Subflow: valid, with the file it was read from (null for one without a file). */
    record Found(Flow flow, String path) {
    }

    /** A child execution about to start: the execution and task run that start it, the child flow's file. */
    record Child(String parentExecutionId, String parentTaskRunId, String path) {
    }

    /**
     * The flow {@code namespace}/{@code flowId}; empty when there is none. A flow of that id that is not valid throws an
     * {@link IllegalArgumentException} saying why.
     */
    Optional<Found> find(String namespace, String flowId);

    /** Where flows were looked for, for the message when one is not found ("the flows in /home/me/flows"). */
    String searched();

    /** The listeners that follow {@code child}, beside those the engine adds. */
    List<ExecutionListener> listeners(Child child);

    /** No flows to start: every Subflow fails, saying so. */
    Subflows NONE = new Subflows() {
        @Override
        public Optional<Found> find(String namespace, String flowId) {
            return Optional.empty();
        }

        @Override
        public String searched() {
            return "no folder of flows (give one with run --flows DIR)";
        }

        @Override
        public List<ExecutionListener> listeners(Child child) {
            return List.of();
        }
    };
}
