package dev.flowbench.engine;

/** The states of executions and task runs, as Kestra names them. */
public enum State {
    RUNNING, SUCCESS, WARNING, FAILED, KILLED, SKIPPED;

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
            case RUNNING -> 2;
            case WARNING -> 3;
            case FAILED -> 4;
            case KILLED -> 5;
        };
    }
}
