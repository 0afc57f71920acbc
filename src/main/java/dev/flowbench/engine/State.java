package dev.flowbench.engine;

/** The states of executions and task runs, as Kestra names them. */
public enum State {
    RUNNING, SUCCESS, WARNING, FAILED, KILLED, SKIPPED,
    /** Waiting: a Pause, for its duration or until a person resumes it. */
    PAUSED,
    /** Stopped before its end because something else ended it: a sibling failing in a Parallel, an Exit. */
    CANCELLED;

    /**
     * A state as the history stores it. Text naming no state (a database written by a newer release, a hand edit)
     * reads as FAILED, which is never mistaken for a run still going or one that succeeded.
     */
    public static State parse(String text) {
        if (text != null) {
            for (State state : values()) {
                if (state.name().equalsIgnoreCase(text.trim())) {
                    return state;
                }
            }
        }
        return FAILED;
    }

    public boolean isTerminal() {
        return this != RUNNING;
    }

    /** The state of a whole made of parts in {@code this} and {@code other} states. */
    public State worst(State other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(State state) {
        return switch (state) {
            case SKIPPED -> 0;
            case SUCCESS -> 1;
            case RUNNING, PAUSED -> 2;
            case WARNING -> 3;
            case CANCELLED -> 4;
            case FAILED -> 5;
            case KILLED -> 6;
        };
    }
}
