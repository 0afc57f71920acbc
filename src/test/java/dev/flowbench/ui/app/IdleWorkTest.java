package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idle work waits for a quiet moment, and runs one job per quiet moment, on the one thread standing for the FX thread. */
class IdleWorkTest {

    private final ScheduledExecutorService fx = Executors.newSingleThreadScheduledExecutor();
    private final UiTasks tasks = new UiTasks() {
        @Override
        public <T> void run(Callable<T> job, Consumer<T> done, Consumer<Throwable> failed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void later(Duration delay, Runnable action) {
            fx.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onFxThread(Runnable action) {
            fx.execute(action);
        }
    };

    @AfterEach
    void stop() {
        fx.shutdownNow();
    }

    @Test
    void jobsWaitWhileTheUserIsBusyThenRunOneAtATime() throws Exception {
        IdleWork idle = new IdleWork(tasks);
        List<String> ran = new CopyOnWriteArrayList<>();
        fx.submit(() -> {
            idle.add(() -> ran.add("first"));
            idle.add(() -> ran.add("second"));
        }).get();
        long busyUntil = System.nanoTime() + IdleWork.QUIET.toNanos() * 2;
        while (System.nanoTime() < busyUntil) { // typing, every 100 ms
            fx.submit(idle::activity).get();
            assertThat(ran).isEmpty();
            Thread.sleep(100);
        }
        for (int i = 0; i < 100 && ran.size() < 2; i++) {
            Thread.sleep(50);
        }
        assertThat(ran).containsExactly("first", "second");
    }
}
