package dev.flowbench.ui.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Work the window does while the user is away from it: each job runs on the FX thread once nothing has been typed,
 * clicked or edited for {@link #QUIET}, one job per quiet moment, so that a user typing as the window opens is never
 * held up by it. Told of activity by the window ({@link #activity()}). For the FX thread's own timer only: with a
 * same-thread {@link UiTasks} it would never let go.
 */
final class IdleWork {

    static final Duration QUIET = Duration.ofMillis(1500);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final UiTasks tasks;
    private final Deque<Runnable> jobs = new ArrayDeque<>();
    private long lastActivity = System.nanoTime();
    private boolean checking;

    IdleWork(UiTasks tasks) {
        this.tasks = tasks;
    }

    /** The user did something: the next job waits for another quiet moment. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    void add(Runnable job) {
        jobs.add(job);
        checkLater();
    }

    private void checkLater() {
        if (!checking && !jobs.isEmpty()) {
            checking = true;
            tasks.later(CHECK_EVERY, this::check);
        }
    }

    private void check() {
        checking = false;
        if (System.nanoTime() - lastActivity >= QUIET.toNanos() && !jobs.isEmpty()) {
            jobs.poll().run();
        }
        checkLater();
    }
}
