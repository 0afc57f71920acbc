package dev.flowbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code flowbench ARGS} in a process of its own on a data home, as a user starts it, its output in a file. */
final class FlowbenchProcess {

    private FlowbenchProcess() {
    }

    /** JVM options given here keep it in one JVM (no relaunch). */
    static Process start(Path home, Path output, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.flowbench.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("FLOWBENCH_HOME", home.toString());
        builder.environment().remove(CommandJvm.PARENT_VARIABLE);
        return builder.start();
    }
}
