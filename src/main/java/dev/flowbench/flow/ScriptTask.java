package dev.flowbench.flow;

import java.util.List;
import java.util.Map;

/**
 * A shell, python or node {@code Script} or {@code Commands} task.
 *
 * @param script      the script text ({@link Form#SCRIPT}), or null
 * @param commands    the commands ({@link Form#COMMANDS}), or empty
 * @param interpreter the explicit interpreter, or empty for Flowbench's default
 * @param runnerType  {@code taskRunner.type}, or null when not set (Process here)
 */
public record ScriptTask(TaskHeader header, ScriptLanguage language, Form form,
                         List<String> beforeCommands, String script, List<String> commands,
                         Map<String, String> env, List<String> interpreter, boolean failFast,
                         boolean warningOnStdErr, List<String> outputFiles, Map<String, String> inputFiles,
                         String runnerType) implements Task {

    public enum Form { SCRIPT, COMMANDS }
}
