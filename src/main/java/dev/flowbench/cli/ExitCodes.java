package dev.flowbench.cli;

/** The command line's exit statuses, as scripts and CI read them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** {@code validate}: a flow is invalid; {@code run}: the execution ended FAILED or KILLED. */
    public static final int FAILED = 1;
    /**
     * Nothing was run: bad arguments or inputs, or what was asked could not be done (a file that cannot be read, an
     * invalid flow given to {@code run}, a database that cannot be opened).
     */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
