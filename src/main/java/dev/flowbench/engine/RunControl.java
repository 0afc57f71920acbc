package dev.flowbench.engine;

import dev.flowbench.runner.Cancellation;

/**
 * How one task run is stopped from outside: its own cancellation (raised with its parent's), and, when the engine
 * stopped it because of something beside it rather than a user asking, the state it ends in: a Parallel stops its
 * running branches when one fails, FAILED by default and CANCELLED with {@code onChildFailure: CANCEL} (Kestra 2.0).
 */
final class RunControl {

    private final Cancellation cancellation;
    private volatile State stoppedAs;
    private volatile String why;

    RunControl(Cancellation cancellation) {
        this.cancellation = cancellation;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    void stop(State as, String reason) {
        if (stoppedAs == null) {
            why = reason;
            stoppedAs = as;
        }
        cancellation.cancel();
    }

    /** The state a task run stopped by {@link #stop} ends in, or null when nothing stopped it so. */
    State stoppedAs() {
        return stoppedAs;
    }

    String why() {
        return why;
    }
}
