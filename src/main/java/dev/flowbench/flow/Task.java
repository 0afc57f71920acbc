package dev.flowbench.flow;

import java.util.List;

/** A task of a flow, typed by what Flowbench knows of it. */
public sealed interface Task
        permits WorkingDirectoryTask, ScriptTask, LogTask, ReturnTask, LocalFilesTask, OutputValuesTask, FailTask, AssertTask,
        SleepTask, SetVariablesTask, UnsetVariablesTask, FlowableTask, ExitTask, LabelsTask, SubflowTask, PauseTask, KvTask, HttpTask, StorageTask,
        OpaqueTask {

    TaskHeader header();

    default String id() {
        return header().id();
    }

    default String type() {
        return header().canonicalType();
    }

    default SourceRange range() {
        return header().source().range();
    }

    /** The tasks nested directly in this one, in document order (its tasks, then errors, then finally). */
    default List<Task> children() {
        return List.of();
    }

    /** This task's id, then those of every task nested in it, depth first in document order. */
    default List<String> ids() {
        List<String> ids = new java.util.ArrayList<>();
        ids.add(id());
        children().forEach(child -> ids.addAll(child.ids()));
        return ids;
    }
}
