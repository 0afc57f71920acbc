package dev.flowbench.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where an engine runs runnable tasks. Those that start processes (scripts, a WorkingDirectory's) never run more than
 * {@code slots} at once, for all its executions together, however many branches a Parallel or a Loop opens; the rest
 * wait in line, holding no thread. Those that start none (Log, Return, Sleep...) have a line of their own, so that a
 * Sleep never keeps a script from its slot. Threads are made on demand by the execution that needs them, so they have
 * its priority (see {@link RunPriority}), and go away after a while idle.
 */
final class TaskPool {

    /** Tasks that start no process, at once: enough for a Parallel of sleeps, bounded all the same. */
    static final int IN_PROCESS_THREADS = 32;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor processes;
    private final ThreadPoolExecutor inProcess;

    TaskPool(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("an engine needs at least one task slot, not " + slots);
        }
        int pool = POOLS.incrementAndGet();
        processes = executor(slots, "flowbench-task-" + pool + "-");
        inProcess = executor(IN_PROCESS_THREADS, "flowbench-task-" + pool + "-jvm-");
    }

    private static ThreadPoolExecutor executor(int threads, String prefix) {
        AtomicInteger made = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, prefix + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Runs {@code work} in the line for tasks that start processes, or for those that start none. */
    void submit(Runnable work, boolean startsProcesses) {
        (startsProcesses ? processes : inProcess).execute(work);
    }
}
