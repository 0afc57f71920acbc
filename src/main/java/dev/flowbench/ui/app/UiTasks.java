package dev.flowbench.ui.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the UI does work off the FX thread: files, validation, the database. A job runs in the
 * background and its result (or failure) comes back on the FX thread. Tests use {@link #sameThread()},
 * where everything happens at once on the caller's thread.
 */
public interface UiTasks {

    /** Runs {@code job} in the background; {@code done} or {@code failed} is then called on the FX thread. */
    <T> void run(Callable<T> job, Consumer<T> done, Consumer<Throwable> failed);

    /** Calls {@code action} on the FX thread after {@code delay} (at once on the caller's thread in tests). */
    void later(Duration delay, Runnable action);

    /** Calls {@code action} on the FX thread, from any thread (at once in tests). */
    void onFxThread(Runnable action);

    static UiTasks sameThread() {
        return new UiTasks() {
            @Override
            public <T> void run(Callable<T> job, Consumer<T> done, Consumer<Throwable> failed) {
                T result;
                try {
                    result = job.call();
                } catch (Exception | Error e) {
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }

            @Override
            public void later(Duration delay, Runnable action) {
                action.run();
            }

            @Override
            public void onFxThread(Runnable action) {
                action.run();
            }
        };
    }
}
