package dev.flowbench.cli;

import sun.misc.Signal;

/**
 * Ctrl+C during a run: instead of the JVM dying mid-execution, the execution is cancelled (its process
 * tree killed, KILLED recorded) and the command ends normally with its own exit status. A second Ctrl+C
 * while cancelling is ignored: the cancellation itself is short.
 */
final class Interrupts {

    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        try {
            Signal.handle(new Signal("INT"), signal -> action.run());
            Signal.handle(new Signal("TERM"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the signal cannot be caught here: the JVM's default handling applies
        }
    }
}
