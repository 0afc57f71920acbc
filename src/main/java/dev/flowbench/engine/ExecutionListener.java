package dev.flowbench.engine;

/** Consumes execution events on a thread of its own; it may be slow without slowing the execution. */
@FunctionalInterface
public interface ExecutionListener {

    void onEvent(ExecutionEvent event);
}
