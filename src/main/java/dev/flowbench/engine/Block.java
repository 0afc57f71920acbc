package dev.flowbench.engine;

import dev.flowbench.flow.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A list of tasks with the {@code errors} and {@code finally} that go with it, run as Kestra 2.0 runs them (each rule
 * checked against kestra-oracle, see FlowableTasksTest): the tasks, one after another, side by side, or (a Dag) each
 * once those it depends on succeeded; when one fails, no more start, and side by side the running ones are stopped
 * (FAILED, or CANCELLED with {@code onChildFailure: CANCEL}) unless {@code onChildFailure} is CONTINUE; then {@code errors} if it failed, then
 * {@code finally} whatever happened, both one task after another. The block ends FAILED when a task failed, even when
 * its errors handled it. Cancelled, it starts nothing more and runs neither errors nor finally; after an Exit the same,
 * and it ends in the Exit's state. A state machine on the conductor's thread: it holds no thread while it waits.
 */
final class Block {

    /**
     * How the tasks of the block run: how many at once (0: all), what a failure does to the others, and (a Dag) the
     * ids each task waits for: it starts once they all ended in SUCCESS or WARNING, never after one failed.
     */
    record Lanes(int concurrency, ChildFailure onChildFailure, Map<String, List<String>> dependsOn) {
        static final Lanes SEQUENTIAL = new Lanes(1, ChildFailure.FAIL, Map.of());

        Lanes(int concurrency, ChildFailure onChildFailure) {
            this(concurrency, onChildFailure, Map.of());
        }
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
    /** The ids of all its tasks, those already done before a retry included. */
    private final java.util.Set<String> taskIds;
    private final List<Task> errors;
    private final List<Task> finallyTasks;
    private final Nest nest;
    private final Consumer<State> onEnd;
    private final Map<Task, Slot> running = new LinkedHashMap<>();
    private boolean launching;
    private Phase phase;
    /** The tasks of the phase not started yet, in order. */
    private final List<Task> pending = new java.util.ArrayList<>();
    private final java.util.Set<String> succeeded = new java.util.HashSet<>();
    private boolean stopping;
    /** Stopped from outside: nothing more starts, errors and finally included. */
    private boolean stopped;
    private State tasksState = State.SUCCESS;
    private State finallyState = State.SUCCESS;

    Block(Conductor conductor, Lanes lanes, List<Task> tasks, List<Task> errors, List<Task> finallyTasks, Nest nest,
          Consumer<State> onEnd) {
        this(conductor, lanes, tasks, java.util.Set.of(), errors, finallyTasks, nest, onEnd);
    }

    /**
     * The block again after a failure, for its flowable's retry: the tasks that ended well in {@code done} are not run
     * again (a Dag's tasks waiting for them may start), the others are.
     */
    Block(Conductor conductor, Lanes lanes, List<Task> tasks, java.util.Set<String> done, List<Task> errors,
          List<Task> finallyTasks, Nest nest, Consumer<State> onEnd) {
        this.conductor = conductor;
        this.lanes = lanes;
        this.tasks = tasks.stream().filter(task -> !done.contains(task.id())).toList();
        this.taskIds = tasks.stream().map(Task::id).collect(java.util.stream.Collectors.toSet());
        this.succeeded.addAll(done);
        this.errors = errors;
        this.finallyTasks = finallyTasks;
        this.nest = nest;
        this.onEnd = onEnd;
    }

    /** Starts its first tasks; it may end at once (nothing to run), telling its end before this returns. */
    void start() {
        enter(Phase.TASKS, tasks);
    }

    /** The ids of its tasks (not errors nor finally) that ended well, these before included. */
    java.util.Set<String> succeededTasks() {
        java.util.Set<String> done = new java.util.HashSet<>(succeeded);
        done.retainAll(taskIds);
        return done;
    }

    /** Stops what runs and starts nothing more: the block's parent was stopped beside a failing sibling. */
    void stop(State as, String why) {
        stopping = true;
        stopped = true;
        running.values().forEach(slot -> slot.stop(as, why));
    }

    private void enter(Phase entered, List<Task> list) {
        phase = entered;
        pending.clear();
        pending.addAll(list);
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
            java.util.Iterator<Task> waiting = pending.iterator();
            while (!stopping && !stopped && waiting.hasNext() && (concurrency == 0 || running.size() < concurrency)) {
                if (conductor.halted(nest)) {
                    stopping = true;
                    break;
                }
                Task task = waiting.next();
                if (!ready(task)) {
                    continue;
                }
                waiting.remove();
                Slot slot = new Slot();
                running.put(task, slot);
                slot.started = conductor.start(task, nest, state -> ended(task, state));
            }
        } finally {
            launching = false;
        }
        if (running.isEmpty() && (stopping || stopped || pending.stream().noneMatch(this::ready))) {
            phaseDone(); // what is left waits for a task that failed: it never starts
        }
    }

    private boolean ready(Task task) {
        List<String> needs = phase == Phase.TASKS ? lanes.dependsOn().getOrDefault(task.id(), List.of()) : List.of();
        return succeeded.containsAll(needs);
    }

    private void ended(Task task, State state) {
        running.remove(task);
        if (state == State.SUCCESS || state == State.WARNING || state == State.SKIPPED) {
            succeeded.add(task.id());
        }
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
            stopping = true; // nothing more starts (kestra-oracle: a Dag's task whose dependency succeeded does not either)
            if (phase == Phase.TASKS && lanes.concurrency() != 1 && lanes.onChildFailure() != ChildFailure.CONTINUE) {
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
