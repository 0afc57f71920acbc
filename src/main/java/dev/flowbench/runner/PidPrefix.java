package dev.flowbench.runner;

/**
 * Names that begin with the id of the process that made them ({@code PID-...}): what a process that died
 * (a crash, a {@code kill -9}) left behind can then be told from what a live one is still using.
 */
public final class PidPrefix {

    private PidPrefix() {
    }

    /** {@code rest} prefixed with this process's id. */
    public static String name(String rest) {
        return ProcessHandle.current().pid() + "-" + rest;
    }

    /** Whether the process that made the name is alive (this one included); false for names without a process id. */
    public static boolean ownerAlive(String name) {
        int dash = name.indexOf('-');
        long pid;
        try {
            pid = Long.parseLong(name.substring(0, Math.max(0, dash)));
        } catch (NumberFormatException e) {
            return false;
        }
        return pid == ProcessHandle.current().pid()
                || (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !ProcTable.isZombie(pid));
    }
}
