package dev.flowbench.engine;

import dev.flowbench.flow.Flow;
import dev.flowbench.runner.Cancellation;
import dev.flowbench.runner.ProcessTree;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs flows on this machine. The desktop app and the command line both start executions here and
 * follow them through {@link ExecutionListener}s.
 */
public final class Engine {

    private final EngineSettings settings;
    private final TaskPool pool;

    public Engine(EngineSettings settings) {
        this.settings = settings;
        this.pool = new TaskPool(settings.taskSlots());
    }

    /**
     * Starts an execution on a thread of its own. {@code inputs} are typed values (see
     * {@link InputResolver}); the flow should have been validated.
     */
    public Execution start(Flow flow, Map<String, Object> inputs, List<ExecutionListener> listeners) {
        return start(flow, inputs, listeners, RunScope.ALL);
    }

    /** The same, for {@code scope}'s part of the flow (see {@link RunScope}). */
    public Execution start(Flow flow, Map<String, Object> inputs, List<ExecutionListener> listeners, RunScope scope) {
        return start(flow, inputs, listeners, scope, 0);
    }

    /** A Subflow's child: followed by those {@link EngineSettings#subflows()} gives for it. */
    private Execution startChild(Flow flow, Map<String, Object> inputs, Subflows.Child child, int depth) {
        return start(flow, inputs, settings.subflows().listeners(child), RunScope.ALL, depth);
    }

    private Execution start(Flow flow, Map<String, Object> inputs, List<ExecutionListener> listeners, RunScope scope, int depth) {
        String id = ExecutionIds.next();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            settings.priority().applyToCurrentThread(); // before it starts any thread or process: they inherit it
            EventBus bus = new EventBus(id, listeners);
            Instant start = Instant.now();
            try {
                result.complete(completeAfterDelivery(bus, new ExecutionRun(id, flow, settings, bus, cancellation, scope, pool,
                        this::startChild, depth).run(inputs)));
            } catch (RuntimeException | Error e) {
                try {
                    result.complete(completeAfterDelivery(bus, failed(id, flow, inputs, bus, start, e)));
                } catch (RuntimeException | Error again) { // not even the end can be told: whoever waits must not wait for ever
                    again.addSuppressed(e);
                    result.completeExceptionally(again);
                }
            }
        }, "flowbench-execution-" + id);
        thread.start();
        return new Execution(id, cancellation, result).resumingThrough(Resumes.file(settings.executionsDirectory(), id));
    }

    /**
     * The end of an execution the engine itself failed in (a bug, a full disk, no memory): told like any other end,
     * FAILED with the error's message, so that no window and no history shows it running for ever.
     */
    private static ExecutionResult failed(String id, Flow flow, Map<String, Object> inputs, EventBus bus, Instant start,
                                          Throwable error) {
        String message = "Flowbench failed while running this flow: " + (error.getMessage() == null
                ? error.getClass().getSimpleName() : error.getMessage());
        try {
            ProcessTree.killOwnedBy(id);
        } catch (RuntimeException | Error e) {
            error.addSuppressed(e);
        }
        Duration duration = Duration.between(start, Instant.now());
        if (!bus.toldStart()) {
            bus.publish(new ExecutionEvent.ExecutionStarted(id, start, flow.namespace(), flow.id(), inputs));
        }
        if (!bus.toldEnd()) {
            bus.publish(new ExecutionEvent.ExecutionFinished(id, Instant.now(), State.FAILED, duration, message));
        }
        return new ExecutionResult(id, State.FAILED, message, duration, Map.of(), Map.of());
    }

    private static ExecutionResult completeAfterDelivery(EventBus bus, ExecutionResult result) {
        bus.close();
        return result;
    }
}
