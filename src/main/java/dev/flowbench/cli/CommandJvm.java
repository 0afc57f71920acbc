package dev.flowbench.cli;

import dev.flowbench.app.JvmCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import sun.misc.Signal;

/**
 * Runs the commands that stream logs ({@code run}, {@code runs}) in a JVM of their own, started with memory
 * settings fit for a command line. A JVM left to its defaults sizes its heap after the machine (a quarter of
 * its memory) and lets its young generation grow to hundreds of megabytes under a flood of short-lived log
 * lines; with the serial collector and a 32 MB young generation, printing two million lines stays near
 * 130 MB. {@value #OPTIONS_VARIABLE} replaces these settings; a JVM already started with heap or collector
 * options of the user's own is used as it is.
 */
final class CommandJvm {

    static final String OPTIONS_VARIABLE = "FLOWBENCH_JAVA_OPTS";
    static final List<String> DEFAULT_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmn32m");
    /** Set in the child's environment to the parent's pid: the child is not relaunched again, and ends with its parent. */
    static final String PARENT_VARIABLE = "FLOWBENCH_PARENT_JVM";
    private static final Set<String> STREAMING_COMMANDS = Set.of("run", "runs");
    private static final long PARENT_POLL_MILLIS = 500;

    private CommandJvm() {
    }

    /** The exit status of {@code args} run in a JVM of their own, or empty when they should run in this one. */
    static Optional<Integer> relaunch(String[] args) {
        if (args.length == 0 || !STREAMING_COMMANDS.contains(args[0]) || System.getenv(PARENT_VARIABLE) != null) {
            return Optional.empty();
        }
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(CommandJvm::choosesMemory)) {
            return Optional.empty();
        }
        Optional<List<String>> command = JvmCommand.child(options(), "dev.flowbench.Launcher", args);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        builder.environment().put(PARENT_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            return Optional.empty(); // run here, with this JVM's settings
        }
        JvmCommand.forwardSignals(child);
        try {
            return Optional.of(child.waitFor());
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return Optional.of(ExitCodes.FAILED);
        }
    }

    /** In a relaunched JVM: when the parent dies (kill -9), this one is told as by a SIGTERM, and cancels cleanly. */
    static void endWithParent() {
        String parent = System.getenv(PARENT_VARIABLE);
        if (parent == null) {
            return;
        }
        Optional<ProcessHandle> handle;
        try {
            handle = ProcessHandle.of(Long.parseLong(parent));
        } catch (NumberFormatException e) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (handle.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Signal.raise(new Signal("TERM"));
        }, "flowbench-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static List<String> options() {
        String configured = System.getenv(OPTIONS_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_OPTIONS;
        }
        return Arrays.asList(configured.trim().split("\\s+"));
    }

    private static boolean choosesMemory(String argument) {
        return argument.startsWith("-Xmx") || argument.startsWith("-Xmn") || argument.startsWith("-XX:MaxRAM")
                || argument.startsWith("-XX:+Use") && argument.endsWith("GC");
    }
}
