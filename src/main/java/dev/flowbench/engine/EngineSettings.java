package dev.flowbench.engine;

import dev.flowbench.flow.pebble.RenderLimits;
import dev.flowbench.runner.ProcessRunner;
import java.nio.file.Path;

/**
 * What an engine needs from its surroundings.
 *
 * @param executionsDirectory where executions keep their output files ({@code FLOWBENCH_HOME/executions})
 * @param workDirectory       where working directories are made ({@code FLOWBENCH_HOME/work}; see {@link WorkDirectories})
 * @param hooks               the WorkingDirectory cache, or {@link WorkingDirectoryHooks#NONE}
 * @param taskCache           Kestra's task cache ({@code taskCache}), or {@link TaskCacheHooks#NONE}
 * @param earlierRuns         the history a part of a flow reuses earlier task runs from, or {@link EarlierRuns#NONE}
 * @param priority            how much of the CPU executions ask for ({@link RunPriority#NORMAL} unless told)
 * @param renderLimits        how much the rendering of one expression may do ({@link RenderLimits#DEFAULT} unless told)
 * @param taskSlots           how many tasks that start processes (scripts, WorkingDirectories) may run at once in one
 *                            engine, whatever a Parallel or a Loop asks ({@link #DEFAULT_TASK_SLOTS} unless told)
 * @param subflows            the flows a Subflow may start and who follows its children ({@link Subflows#NONE} unless told)
 * @param keyValues           Kestra's KV store ({@link KeyValues#inMemory()} unless told)
 * @param maxTaskRuns         the most task runs one execution may start ({@link #DEFAULT_MAX_TASK_RUNS} unless told): past
 *                            it the execution is stopped and ends FAILED saying so, never running out of memory
 */
public record EngineSettings(Path executionsDirectory, Path workDirectory, WorkingDirectoryHooks hooks, ProcessRunner processes,
                             Shell shell, TaskCacheHooks taskCache, EarlierRuns earlierRuns, RunPriority priority,
                             RenderLimits renderLimits, int taskSlots, Subflows subflows, KeyValues keyValues,
                             int maxTaskRuns) {

    public static final int DEFAULT_MAX_TASK_RUNS = 100_000;

    /** The machine's cores: a flow of processes keeps each busy without taking turns. */
    public static final int DEFAULT_TASK_SLOTS = Math.max(2, Runtime.getRuntime().availableProcessors());

    public EngineSettings {
        if (taskSlots < 1) {
            throw new IllegalArgumentException("taskSlots must be at least 1, not " + taskSlots);
        }
    }

    public EngineSettings withTaskSlots(int slots) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, processes, shell, taskCache, earlierRuns, priority,
                renderLimits, slots, subflows, keyValues, maxTaskRuns);
    }

    public EngineSettings withPriority(RunPriority newPriority) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, processes, shell, taskCache, earlierRuns, newPriority,
                renderLimits, taskSlots, subflows, keyValues, maxTaskRuns);
    }

    public EngineSettings withRenderLimits(RenderLimits limits) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, processes, shell, taskCache, earlierRuns, priority, limits,
                taskSlots, subflows, keyValues, maxTaskRuns);
    }

    public EngineSettings withMaxTaskRuns(int max) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, processes, shell, taskCache, earlierRuns, priority,
                renderLimits, taskSlots, subflows, keyValues, max);
    }

    public EngineSettings withKeyValues(KeyValues store) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, processes, shell, taskCache, earlierRuns, priority,
                renderLimits, taskSlots, subflows, store, maxTaskRuns);
    }

    public EngineSettings withSubflows(Subflows flows) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, processes, shell, taskCache, earlierRuns, priority,
                renderLimits, taskSlots, flows, keyValues, maxTaskRuns);
    }

    public static EngineSettings of(Path executionsDirectory, Path workDirectory, WorkingDirectoryHooks hooks) {
        return of(executionsDirectory, workDirectory, hooks, TaskCacheHooks.NONE);
    }

    public static EngineSettings of(Path executionsDirectory, Path workDirectory, WorkingDirectoryHooks hooks,
                                    TaskCacheHooks taskCache) {
        return of(executionsDirectory, workDirectory, hooks, taskCache, EarlierRuns.NONE);
    }

    public static EngineSettings of(Path executionsDirectory, Path workDirectory, WorkingDirectoryHooks hooks,
                                    TaskCacheHooks taskCache, EarlierRuns earlierRuns) {
        return new EngineSettings(executionsDirectory, workDirectory, hooks, new ProcessRunner(), Shell.detect(), taskCache,
                earlierRuns, RunPriority.NORMAL, RenderLimits.DEFAULT, DEFAULT_TASK_SLOTS, Subflows.NONE,
                KeyValues.inMemory(), DEFAULT_MAX_TASK_RUNS);
    }
}
