package dev.flowbench.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;

/**
 * The command that starts another JVM like this one: the same {@code java}, the options this one was started with,
 * the same class path. Options that came from {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} are left out:
 * the child reads those variables itself, and would otherwise get them twice (an agent loaded twice, for one).
 */
public final class JvmCommand {

    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private JvmCommand() {
    }

    /** {@code java [this JVM's options] [options] -cp [this class path] mainClass args}, if this JVM's {@code java} is known. */
    public static Optional<List<String>> child(List<String> options, String mainClass, String... args) {
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(ownArguments());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(args));
        return Optional.of(command);
    }

    /** The options this JVM was started with on its command line. */
    public static List<String> ownArguments() {
        List<String> arguments = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String variable : OPTION_VARIABLES) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                for (String fromVariable : value.trim().split("\\s+")) {
                    arguments.remove(fromVariable); // the first occurrence: the variable's come first
                }
            }
        }
        return arguments;
    }

    /** Ctrl+C reaches both JVMs (one process group): this one waits for the child; a TERM or HUP is passed on to it. */
    public static void forwardSignals(Process child) {
        try {
            Signal.handle(new Signal("INT"), signal -> { });
            Signal.handle(new Signal("TERM"), signal -> child.destroy());
            Signal.handle(new Signal("HUP"), signal -> child.destroy());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the signal cannot be caught here: the JVM's default handling applies
        }
    }
}
