package dev.flowbench.engine;

import dev.flowbench.flow.Flow;
import dev.flowbench.runner.Cancellation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs flows on this machine. The desktop app and the command line both start executions here and
 * follow them through {@link ExecutionListener}s.
 */
public final class Engine {

    private final EngineSettings settings;

    public Engine(EngineSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts an execution on a thread of its own. {@code inputs} are typed values (see
     * {@link InputResolver}); the flow should have been validated.
     */
    public Execution start(Flow flow, Map<String, Object> inputs, List<ExecutionListener> listeners) {
        String id = ExecutionIds.next();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            EventBus bus = new EventBus(id, listeners);
            try {
                result.complete(completeAfterDelivery(bus, new ExecutionRun(id, flow, inputs, settings, bus, cancellation).run(inputs)));
            } catch (RuntimeException | Error e) {
                bus.close();
                result.completeExceptionally(e);
            }
        }, "flowbench-execution-" + id);
        thread.start();
        return new Execution(id, cancellation, result);
    }

    private static ExecutionResult completeAfterDelivery(EventBus bus, ExecutionResult result) {
        bus.close();
        return result;
    }
}
