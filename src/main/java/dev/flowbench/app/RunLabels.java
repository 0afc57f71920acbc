package dev.flowbench.app;

/** How the command line and the window name a task run: its task id, and for an iteration its index and value too. */
public final class RunLabels {

    private static final int MAX_VALUE = 40;

    private RunLabels() {
    }

    /** {@code loop #0 'a value'} for a Loop's iteration (a long value cut), {@code until #2} for a LoopUntil's check. */
    public static String of(String taskId, Integer iteration, String value) {
        if (iteration == null) {
            return taskId;
        }
        if (value == null) { // a LoopUntil's check
            return taskId + " #" + iteration;
        }
        String shown = value == null ? "" : value.replaceAll("\\s+", " ");
        if (shown.length() > MAX_VALUE) {
            shown = shown.substring(0, MAX_VALUE - 3) + "...";
        }
        return taskId + " #" + iteration + " '" + shown + "'";
    }
}
