package dev.flowbench.ui.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** {@link UiTasks} on a small pool of daemon threads, results brought back with {@link Platform#runLater}. */
public final class FxTasks implements UiTasks {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ExecutorService workers = Executors.newFixedThreadPool(3, runnable -> thread(runnable, "flowbench-ui-job-"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> thread(runnable, "flowbench-ui-timer-"));

    @Override
    public <T> void run(Callable<T> job, Consumer<T> done, Consumer<Throwable> failed) {
        workers.execute(() -> {
            T result;
            try {
                result = job.call();
            } catch (Exception | Error e) {
                Platform.runLater(() -> failed.accept(e));
                return;
            }
            Platform.runLater(() -> done.accept(result));
        });
    }

    @Override
    public void later(Duration delay, Runnable action) {
        timer.schedule(() -> Platform.runLater(action), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onFxThread(Runnable action) {
        Platform.runLater(action);
    }

    private static Thread thread(Runnable runnable, String prefix) {
        Thread thread = new Thread(runnable, prefix + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
