package dev.flowbench.flow.pebble;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * What one rendering may still do (see {@link RenderLimits}), and when it must stop: its task's deadline, its
 * execution's cancellation. Pebble's loops, macro calls, includes and the operations that grow values consult the
 * budget of the rendering running on their thread ({@link RenderGuards}); each check is a counter and a clock read.
 */
public final class RenderBudget {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();
    private static final Duration FAR = Duration.ofDays(365L * 100);

    private final RenderLimits limits;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final BooleanSupplier cancelled;
    private long steps;
    private int depth;

    /** {@code deadline} may be null (no timeout); {@code cancelled} is asked at every step. */
    public RenderBudget(RenderLimits limits, Instant deadline, BooleanSupplier cancelled) {
        this.limits = limits;
        this.cancelled = cancelled;
        Duration left = deadline == null ? null : Duration.between(Instant.now(), deadline);
        this.hasDeadline = left != null && left.compareTo(FAR) < 0; // nanoseconds count about 292 years
        this.deadlineNanos = System.nanoTime() + (hasDeadline ? Math.max(0, left.toNanos()) : 0);
    }

    /** A budget with the default limits, no deadline and no cancellation: for renderings outside an execution. */
    public static RenderBudget unbounded() {
        return new RenderBudget(RenderLimits.DEFAULT, null, () -> false);
    }

    RenderLimits limits() {
        return limits;
    }

    /** The budget of the rendering running on this thread; rendering outside {@link KestraPebble#render} has none. */
    static RenderBudget current() {
        RenderBudget budget = CURRENT.get();
        return budget != null ? budget : unbounded();
    }

    RenderBudget enter() {
        RenderBudget outer = CURRENT.get();
        CURRENT.set(this);
        return outer;
    }

    static void leave(RenderBudget outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** One more loop iteration or macro call. */
    void step() {
        if (++steps > limits.maxSteps()) {
            throw new RenderStopped(RenderStopped.Reason.LIMIT, "it loops or calls macros more than " + count(limits.maxSteps())
                    + " times, the most a rendering may (" + RenderLimits.MAX_STEPS_SETTING + ")");
        }
        checkTime();
    }

    void checkTime() {
        if (cancelled.getAsBoolean()) {
            throw new RenderStopped(RenderStopped.Reason.CANCELLED, "cancelled while its expressions were rendered");
        }
        if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
            throw new RenderStopped(RenderStopped.Reason.TIMED_OUT, "timed out while its expressions were rendered");
        }
    }

    /** Into a macro call or an include; {@link #out()} when it returns. */
    void in(String what) {
        if (++depth > limits.maxDepth()) {
            depth--;
            throw new RenderStopped(RenderStopped.Reason.LIMIT, what + " nests more than " + limits.maxDepth()
                    + " calls deep, the most a rendering may (" + RenderLimits.MAX_DEPTH_SETTING + ")");
        }
        step();
    }

    void out() {
        depth--;
    }

    /** Refuses a value of {@code size} characters or items that {@code what} is about to build, if it is too large. */
    void checkSize(long size, String what) {
        if (size > limits.maxSize()) {
            throw new RenderStopped(RenderStopped.Reason.LIMIT, what + " would hold " + count(size) + " characters or items, more than the "
                    + count(limits.maxSize()) + " a value may (" + RenderLimits.MAX_SIZE_SETTING + ")");
        }
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
