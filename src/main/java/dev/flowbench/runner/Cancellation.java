package dev.flowbench.runner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag that a user (or a signal) raises once; what is running registers to be told at once. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private volatile Runnable detach = () -> { };

    /**
     * A cancellation of a part of the work: raised with this one, or alone (a branch stopped while its siblings go on).
     * {@link #release} it when the part ends, so that this one stops telling it.
     */
    public Cancellation child() {
        Cancellation child = new Cancellation();
        child.detach = whenCancelled(child::cancel);
        return child;
    }

    /** Forgets the parent this was made from by {@link #child}; nothing else changes. */
    public void release() {
        detach.run();
    }

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Runs {@code action} when cancelled (at once if already); returns a handle that unregisters it. */
    public Runnable whenCancelled(Runnable action) {
        onCancel.add(action);
        if (cancelled.get()) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }
}
