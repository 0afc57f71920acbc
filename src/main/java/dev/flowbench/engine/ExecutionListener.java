package dev.flowbench.engine;

/**
 * Consumes execution events on a thread of its own. By default a listener receives every event, and one that
 * falls behind slows the execution down to its pace (the process's output waits in its pipe), as a pipe
 * does: a record (a file, a pipe, a terminal) is complete. A listener that shows only what is recent may
 * instead miss log lines when it falls behind: see {@link #mayDropLogs()}.
 */
@FunctionalInterface
public interface ExecutionListener {

    void onEvent(ExecutionEvent event);

    /**
     * True when the listener would rather miss log lines than slow the execution; it is then told how many it
     * missed with a {@link ExecutionEvent.LogsDropped}. Lifecycle events always reach it.
     */
    default boolean mayDropLogs() {
        return false;
    }

    /** Called when the listener has received every event published so far: a good moment to flush. */
    default void caughtUp() {
    }

    /** {@code listener}, allowed to miss log lines rather than slow the execution. */
    static ExecutionListener droppingLogs(ExecutionListener listener) {
        return new ExecutionListener() {
            @Override
            public void onEvent(ExecutionEvent event) {
                listener.onEvent(event);
            }

            @Override
            public boolean mayDropLogs() {
                return true;
            }

            @Override
            public void caughtUp() {
                listener.caughtUp();
            }
        };
    }
}
