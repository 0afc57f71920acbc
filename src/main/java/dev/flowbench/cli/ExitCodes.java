package dev.flowbench.cli;

/** The command line's exit statuses, as scripts and CI read them. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
