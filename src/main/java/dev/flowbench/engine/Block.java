package dev.flowbench.engine;

import dev.flowbench.flow.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A list of tasks with the {@code errors} and {@code finally} that go with it, run as Kestra 2.0 runs them (each rule
 * checked against kestra-oracle, see FlowableTasksTest): the tasks, one after another or side by side; when one
 * fails, no more start, and side by side the running ones are stopped (FAILED, or CANCELLED with
 * {@code onChildFailure: CANCEL}) unless {@code onChildFailure} is CONTINUE; then {@code errors} if it failed, then
 * {@code finally} whatever happened, both one task after another. The block ends FAILED when a task failed, even when
 * its errors handled it. Cancelled, it starts nothing more and runs neither errors nor finally; after an Exit the same,
 * and it ends in the Exit's state. A state machine on the conductor's thread: it holds no thread while it waits.
 */
final class Block {

    /** How the tasks of the block run: how many at once (0: all) and what a failure does to the others. */
    record Lanes(int concurrency, ChildFailure onChildFailure) {
        static final Lanes SEQUENTIAL = new Lanes(1, ChildFailure.FAIL);
    }

    /** Kestra's {@code onChildFailure} of Parallel and Dag. */
    enum ChildFailure { CONTINUE, CANCEL, FAIL }

    private enum Phase { TASKS, ERRORS, FINALLY, DONE }

    /** A task run started by the block; a flowable one may end while it is being started. */
    private static final class Slot {
        Conductor.Started started;

        void stop(State as, String why) {
            if (started != null) {
                started.stop(as, why);
            }
        }
    }

    private final Conductor conductor;
    private final Lanes lanes;
    private final List<Task> tasks;
    private final List<Task> errors;
    private final List<Task> finallyTasks;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final Map<Task, Slot> running = new LinkedHashMap<>();
    private boolean launching;
    private Phase phase;
    private List<Task> current;
    private int next;
    private boolean stopping;
    /** Stopped from outside: nothing more starts, errors and finally included. */
    private boolean stopped;
    private State tasksState = State.SUCCESS;
    private State finallyState = State.SUCCESS;

    Block(Conductor conductor, Lanes lanes, List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Nest nest,
          Consumer<State> onEnd) {
        this.conductor = conductor;
        this.lanes = lanes;
        this.tasks = tasks;
        this.errors = errors;
        this.finallyTasks = finallyTasks;
        this.nest = nest;
        this.onEnd = onEnd;
    }

    /** Starts its first tasks; it may end at once (nothing to run), telling its end before this returns. */
    void start() {
        enter(Phase.TASKS, tasks);
    }

    /** Stops what runs and starts nothing more: the block's parent was stopped beside a failing sibling. */
    void stop(State as, String why) {
        stopping = true;
        stopped = true;
        running.values().forEach(slot -> slot.stop(as, why));
    }

    private void enter(Phase entered, List<Task> list) {
        phase = entered;
        current = list;
        next = 0;
        stopping = false;
        launch();
    }

    private void launch() {
        if (launching) {
            return; // a task that ended as it started: the loop below goes on from where it is
        }
        launching = true;
        try {
            int concurrency = phase == Phase.TASKS ? lanes.concurrency() : 1;
            while (!stopping && !stopped && next < current.size() && (concurrency == 0 || running.size() < concurrency)) {
                if (conductor.halted(nest)) {
                    stopping = true;
                    break;
                }
                Task task = current.get(next++);
                Slot slot = new Slot();
                running.put(task, slot);
                slot.started = conductor.start(task, nest, state -> ended(task, state));
            }
        } finally {
            launching = false;
        }
        if (running.isEmpty() && (stopping || stopped || next >= current.size())) {
            phaseDone();
        }
    }

    private void ended(Task task, State state) {
        running.remove(task);
        State counted = switch (state) {
            case SKIPPED -> State.SUCCESS;
            case KILLED -> nest.cancellation().isCancelled() ? State.KILLED : State.FAILED; // its timeout killed it
            default -> state;
        };
        if (phase == Phase.TASKS) {
            tasksState = tasksState.worst(counted);
        } else if (phase == Phase.FINALLY) {
            finallyState = finallyState.worst(counted);
        }
        if (failed(state) && !stopping && !conductor.halted(nest)) { // cancelled: every branch is being killed already
            if (phase != Phase.TASKS || lanes.concurrency() == 1) {
                stopping = true;
            } else if (lanes.onChildFailure() != ChildFailure.CONTINUE) {
                stopping = true;
                State as = lanes.onChildFailure() == ChildFailure.CANCEL ? State.CANCELLED : State.FAILED;
                String why = "stopped because '" + task.id() + "' failed beside it";
                running.values().forEach(slot -> slot.stop(as, why));
            }
        }
        launch();
    }

    private void phaseDone() {
        switch (phase) {
            case TASKS -> {
                if (failed(tasksState) && !errors.isEmpty() && !stopped && !conductor.halted(nest)) {
                    enter(Phase.ERRORS, errors);
                } else {
                    toFinally();
                }
            }
            case ERRORS -> toFinally();
            case FINALLY -> end();
            case DONE -> {
            }
        }
    }

    private void toFinally() {
        if (!finallyTasks.isEmpty() && !stopped && !conductor.halted(nest)) {
            enter(Phase.FINALLY, finallyTasks);
        } else {
            end();
        }
    }

    private void end() {
        phase = Phase.DONE;
        State state;
        if (conductor.exited() != null) {
            state = conductor.exited().state();
        } else if (nest.cancellation().isCancelled()) {
            state = State.KILLED; // its flowable says FAILED or CANCELLED instead when a failing sibling stopped it
        } else {
            state = tasksState.worst(finallyState);
        }
        onEnd.accept(state);
    }

    private static boolean failed(State state) {
        return state == State.FAILED || state == State.KILLED || state == State.CANCELLED;
    }
}
