package dev.flowbench.engine;

import dev.flowbench.flow.ExitTask;
import dev.flowbench.flow.FlowableTask;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.WorkingDirectoryTask;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Drives an execution's task runs from the execution's own thread (see docs/design/task-runs.md). Flowable tasks are
 * state machines ({@link Block}, {@link FlowableRun}) that this thread moves on as their children end; runnable tasks
 * go to the engine's {@link TaskPool} and their end comes back here as a message. Only this thread changes the tree,
 * so none of it is locked, and no thread waits for a branch: a Parallel of a thousand tasks holds a thousand small
 * objects and as many threads as the pool has.
 */
final class Conductor {

    /** What started under a block, to be stopped when a sibling fails. */
    interface Started {
        void stop(State as, String why);
    }

    /** An Exit that ended the execution: no task starts after it, and the execution ends in its state. */
    record Exit(String taskId, State state) {
    }

    private final ExecutionRun run;
    private final TaskPool pool;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private Exit exit;

    Conductor(ExecutionRun run, TaskPool pool) {
        this.run = run;
        this.pool = pool;
    }

    /** Runs {@code tasks}, then {@code errors} if one failed, then {@code finallyTasks}; returns the state they end in. */
    State runBlock(List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Nest nest) {
        State[] end = new State[1];
        new Block(this, Block.Lanes.SEQUENTIAL, tasks, errors, finallyTasks, nest, state -> end[0] = state).start();
        conductUntil(() -> end[0] != null);
        return end[0];
    }

    /** Runs one task to its end ({@code policy} says how a runnable one is run or reused); returns its state. */
    State runTask(Task task, Nest nest, ExecutionRun.Policy policy) {
        State[] end = new State[1];
        start(task, nest, policy, state -> end[0] = state);
        conductUntil(() -> end[0] != null);
        return end[0];
    }

    Started start(Task task, Nest nest, Consumer<State> onEnd) {
        return start(task, nest, ExecutionRun.Policy.NORMAL, onEnd);
    }

    /** Starts a task run; {@code onEnd} is told its state, always later, from this thread. */
    private Started start(Task task, Nest nest, ExecutionRun.Policy policy, Consumer<State> onEnd) {
        if (task instanceof FlowableTask flowable && flowable.kind().iteratesValues()) {
            return new LoopRun(this, run, flowable, nest, onEnd).start();
        }
        if (task instanceof FlowableTask flowable && flowable.kind() == FlowableTask.Kind.LOOP_UNTIL) {
            return new UntilRun(this, run, flowable, nest, onEnd).start();
        }
        if (task instanceof FlowableTask flowable) {
            return new FlowableRun(this, run, flowable, nest, onEnd).start();
        }
        if (task instanceof dev.flowbench.flow.PauseTask pause) {
            return new PauseRun(this, run, pause, nest, onEnd).start();
        }
        if (task instanceof dev.flowbench.flow.SubflowTask subflow) {
            return new SubflowRun(this, run, subflow, nest, onEnd).start();
        }
        if (task instanceof ExitTask exitTask) { // in a message of its own: the siblings a Parallel starts with it start too
            post(() -> onEnd.accept(run.runExit(exitTask, nest)));
            return (as, why) -> { };
        }
        RunControl control = new RunControl(nest.cancellation().child());
        boolean startsProcesses = task instanceof ScriptTask || task instanceof WorkingDirectoryTask;
        pool.submit(() -> {
            State state;
            try {
                state = run.runTask(task, null, nest, policy, control);
            } catch (RuntimeException | Error e) { // past every task's own handling: an engine bug, the execution ends on it
                post(() -> {
                    throw e;
                });
                return;
            } finally {
                control.cancellation().release();
            }
            post(() -> onEnd.accept(state));
        }, startsProcesses);
        return control::stop;
    }

    /** An Exit task ran: nothing starts from now on and the execution ends in {@code state}. */
    void exit(String taskId, State state) {
        if (exit == null) {
            exit = new Exit(taskId, state);
        }
    }

    Exit exited() {
        return exit;
    }

    /** Whether no task may start under {@code nest} any more: it was cancelled, or an Exit ended the execution. */
    boolean halted(Nest nest) {
        return exit != null || nest.cancellation().isCancelled();
    }

    /** Runs {@code message} on the conductor's thread, after what is already queued. */
    void post(Runnable message) {
        inbox.add(message);
    }

    private void conductUntil(java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Runnable message;
            try {
                message = inbox.take();
            } catch (InterruptedException e) { // the execution's thread is being stopped: cancel, and wait for the ends
                run.cancellation().cancel();
                continue;
            }
            message.run();
        }
    }
}
