package dev.flowbench.runner;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Kestra's Process task runner: runs a command as a host process, streams its output line by line,
 * and kills its whole process tree on a deadline or a cancellation, leaving no orphan behind.
 */
public final class ProcessRunner {

    private static final long POLL_MILLIS = 100;
    private static final long DRAIN_MILLIS = 500;
    private static final long INVISIBLE_WRITER_MILLIS = 2_000;

    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "flowbench-output");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code spec} to its end. {@code deadline} may be null (no timeout). Output lines go to
     * {@code sink} from the reading threads, in order within each stream; a sink that blocks slows the process.
     */
    public ProcessResult run(ProcessSpec spec, Consumer<OutputLine> sink, Instant deadline, Cancellation cancellation) {
        Instant start = Instant.now();
        List<String> launcher = ProcessTree.sessionLauncher();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(spec.command());
        String tag = ProcessTree.newTag(spec.owner());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ProcessResult(-1, false, false, Duration.between(start, Instant.now()),
                    "cannot start '" + spec.command().get(0) + "': " + e.getMessage());
        }
        closeQuietly(process);
        Set<String> pipes = ProcTable.outputPipes(process.pid());
        Output output = new Output(new LinePump(process.getInputStream(), OutputLine.Stream.STDOUT, sink),
                new LinePump(process.getErrorStream(), OutputLine.Stream.STDERR, sink));
        boolean groupLeader = !launcher.isEmpty();
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            while (!process.waitFor(pollMillis(deadline), TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    cancelled = true;
                } else if (deadline != null && !Instant.now().isBefore(deadline)) {
                    timedOut = true;
                }
                if (cancelled || timedOut) {
                    ProcessTree.kill(process, groupLeader, tag);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            ProcessTree.kill(process, groupLeader, tag);
        }
        drain(process, groupLeader, tag, pipes, output);
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new ProcessResult(exit, timedOut, cancelled, Duration.between(start, Instant.now()), null);
    }

    /** The two pumps of a process's output. */
    private static final class Output {
        final LinePump out;
        final LinePump err;
        final Future<?> outDone;
        final Future<?> errDone;

        Output(LinePump out, LinePump err) {
            this.out = out;
            this.err = err;
            this.outDone = PUMPS.submit(out);
            this.errDone = PUMPS.submit(err);
        }

        boolean done() {
            return outDone.isDone() && errDone.isDone();
        }

        /** Whether each unfinished pump has waited for data longer than {@code millis}. */
        boolean idleFor(long millis) {
            return (outDone.isDone() || out.waitingMillis() > millis) && (errDone.isDone() || err.waitingMillis() > millis);
        }

        void await(long millis) {
            try {
                outDone.get(millis, TimeUnit.MILLISECONDS);
                errDone.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // looked at again by the caller
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void abandon() {
            out.abandon();
            err.abandon();
        }
    }

    /**
     * After the process ended: every line it wrote is handed over, however long the sink takes. Processes it
     * left in the background that still hold its output open are killed; if the output stays open with no
     * visible writer (a process that dropped its mark), it is abandoned after {@link #INVISIBLE_WRITER_MILLIS}.
     */
    private static void drain(Process process, boolean groupLeader, String tag, Set<String> pipes, Output output) {
        long lastLook = System.nanoTime();
        while (!output.done() && !Thread.currentThread().isInterrupted()) {
            output.await(POLL_MILLIS);
            if (output.done() || System.nanoTime() - lastLook < TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS)) {
                continue;
            }
            lastLook = System.nanoTime();
            if (ProcessTree.othersHold(pipes, tag, process.pid())) {
                ProcessTree.kill(process, groupLeader, tag);
            } else if (output.idleFor(INVISIBLE_WRITER_MILLIS)) {
                break;
            }
        }
        if (!output.done()) {
            output.abandon();
        }
    }

    private static long pollMillis(Instant deadline) {
        if (deadline == null) {
            return POLL_MILLIS;
        }
        long left = Duration.between(Instant.now(), deadline).toMillis();
        return Math.max(1, Math.min(POLL_MILLIS, left));
    }

    /** Scripts get an empty standard input, as in Kestra: nothing waits for a keyboard. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
