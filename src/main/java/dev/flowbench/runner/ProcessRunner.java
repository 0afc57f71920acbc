package dev.flowbench.runner;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "flowbench-output");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code spec} to its end. {@code deadline} may be null (no timeout). Output lines go to
     * {@code sink} from the reading threads, in order within each stream.
     */
    public ProcessResult run(ProcessSpec spec, Consumer<OutputLine> sink, Instant deadline, Cancellation cancellation) {
        Instant start = Instant.now();
        List<String> launcher = ProcessTree.sessionLauncher();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ProcessResult(-1, false, false, Duration.between(start, Instant.now()),
                    "cannot start '" + spec.command().get(0) + "': " + e.getMessage());
        }
        closeQuietly(process);
        Future<?> out = PUMPS.submit(new LinePump(process.getInputStream(), OutputLine.Stream.STDOUT, sink));
        Future<?> err = PUMPS.submit(new LinePump(process.getErrorStream(), OutputLine.Stream.STDERR, sink));
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
                    ProcessTree.kill(process, groupLeader);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            ProcessTree.kill(process, groupLeader);
        }
        drain(process, groupLeader, out, err);
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new ProcessResult(exit, timedOut, cancelled, Duration.between(start, Instant.now()), null);
    }

    /** Waits for the output to end; background children still holding it open are killed. */
    private static void drain(Process process, boolean groupLeader, Future<?> out, Future<?> err) {
        try {
            out.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            err.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException e) {
            ProcessTree.kill(process, groupLeader);
        } catch (Exception e) {
            return;
        }
        try {
            out.get(5, TimeUnit.SECONDS);
            err.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.cancel(true);
            err.cancel(true);
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
