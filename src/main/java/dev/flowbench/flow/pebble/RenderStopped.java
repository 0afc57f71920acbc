package dev.flowbench.flow.pebble;

/** A rendering stopped before its end: its task timed out, its execution was cancelled, or it passed a limit. */
public final class RenderStopped extends RuntimeException {

    public enum Reason { TIMED_OUT, CANCELLED, LIMIT }

    private final Reason reason;

    RenderStopped(Reason reason, String message) {
        super(message, null, false, false); // thrown deep inside templates: no stack trace to fill
        this.reason = reason;
    }

    /** The same stop, saying in which text ({@code where}) it happened. */
    public RenderStopped where(String where) {
        return new RenderStopped(reason, getMessage() + ", in " + where);
    }

    public Reason reason() {
        return reason;
    }
}
