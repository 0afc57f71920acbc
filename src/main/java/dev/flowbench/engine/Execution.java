package dev.flowbench.engine;

import dev.flowbench.runner.Cancellation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running (or finished) execution: its id, a way to cancel it, and its result once it has ended. */
public final class Execution {

    private final String id;
    private final Cancellation cancellation;
    private final CompletableFuture<ExecutionResult> result;

    Execution(String id, Cancellation cancellation, CompletableFuture<ExecutionResult> result) {
        this.id = id;
        this.cancellation = cancellation;
        this.result = result;
    }

    public String id() {
        return id;
    }

    private java.nio.file.Path resumeFile;

    /** Where {@link #resume} writes, set by the engine. */
    Execution resumingThrough(java.nio.file.Path file) {
        this.resumeFile = file;
        return this;
    }

    /**
     * Resumes the Pauses waiting without a duration (as {@code flowbench resume} does from another process). Returns
     * false when the execution has nothing to resume through (it ended, or never started).
     */
    public boolean resume() {
        return resumeFile != null && Resumes.request(resumeFile);
    }

    /** Kills what is running (its whole process tree) and ends the execution KILLED. */
    public void cancel() {
        cancellation.cancel();
    }

    /**
     * The end, without waiting for it: completes (on the execution's thread) once every listener has received every
     * event. It never completes exceptionally: an engine failure ends the execution FAILED.
     */
    public CompletionStage<ExecutionResult> completion() {
        return result.minimalCompletionStage();
    }

    /** Waits for the end, and for every listener to have received every event. */
    public ExecutionResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public ExecutionResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
