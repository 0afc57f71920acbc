package dev.flowbench.engine;

import dev.flowbench.flow.Flow;
import dev.flowbench.flow.Task;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * How much of a flow an execution runs: all of it, up to a task (the tasks before it reused from earlier runs of the
 * same rendered definition where there are some, run where not), or only that task (the tasks before it reused, never
 * run). A task nested in a WorkingDirectory is run with its siblings: the WorkingDirectory is the unit, as its folder is
 * shared. A part of a flow stops after its task: no later task, and no errors, finally or afterExecution tasks, run.
 *
 * @param fresh nothing is reused: every task that runs runs (with {@link Part#ONLY}, the tasks before it, which do not
 *              run, are still reused, as the task needs their outputs)
 */
public record RunScope(Part part, String taskId, boolean fresh) {

    /**
     * {@code CHECK_ONLY}: whether {@code ONLY} could run its task, asked before it does: the tasks before it are taken
     * from earlier runs as for {@code ONLY}, the task itself does not run, and the execution ends SUCCESS when it could,
     * FAILED saying which outputs it reads that no earlier run has.
     */
    public enum Part { ALL, UP_TO, ONLY, CHECK_ONLY }

    public static final RunScope ALL = new RunScope(Part.ALL, null, false);

    public RunScope {
        if ((part == Part.ALL) != (taskId == null)) {
            throw new IllegalArgumentException("a part of a flow names its task; the whole flow names none");
        }
    }

    public static RunScope all(boolean fresh) {
        return new RunScope(Part.ALL, null, fresh);
    }

    public static RunScope upTo(String taskId, boolean fresh) {
        return new RunScope(Part.UP_TO, taskId, fresh);
    }

    public static RunScope only(String taskId, boolean fresh) {
        return new RunScope(Part.ONLY, taskId, fresh);
    }

    /** The check {@link Part#CHECK_ONLY} of {@code only(taskId)}. */
    public static RunScope checkOnly(String taskId) {
        return new RunScope(Part.CHECK_ONLY, taskId, false);
    }

    public boolean partial() {
        return part != Part.ALL;
    }

    /** Why this scope cannot run {@code flow}: a task it does not have, or one outside its {@code tasks}. */
    public Optional<String> problem(Flow flow) {
        if (!partial() || unit(flow).isPresent()) {
            return Optional.empty();
        }
        boolean elsewhere = flow.allTasks().stream().anyMatch(task -> task.id().equals(taskId));
        if (elsewhere) {
            return Optional.of("task '" + taskId + "' is not one of the flow's tasks (it is in errors, finally or"
                    + " afterExecution, which a part of a flow does not run)");
        }
        String known = flow.tasks().stream().flatMap(task -> task.ids().stream()).collect(Collectors.joining(", "));
        return Optional.of("the flow has no task '" + taskId + "'" + (known.isEmpty() ? "" : " (its tasks: " + known + ")"));
    }

    /** The index in the flow's {@code tasks} of the task that is, or holds, {@link #taskId}. */
    public OptionalInt unit(Flow flow) {
        List<Task> tasks = flow.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).ids().contains(taskId)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** In words, for a headline: "up to 'transform'", "only 'transform'", "the whole flow". */
    public String describe() {
        return switch (part) {
            case ALL -> "the whole flow";
            case UP_TO -> "up to '" + taskId + "'";
            case ONLY -> "only '" + taskId + "'";
            case CHECK_ONLY -> "whether '" + taskId + "' can run alone";
        } + (fresh ? ", fresh" : "");
    }
}
