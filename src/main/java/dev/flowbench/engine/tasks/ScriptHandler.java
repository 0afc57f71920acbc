package dev.flowbench.engine.tasks;

import dev.flowbench.engine.ConfinedFiles;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.OutputProtocol;
import dev.flowbench.engine.Shell;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.WorkFiles;
import dev.flowbench.flow.ScriptLanguage;
import dev.flowbench.flow.ScriptTask;
import dev.flowbench.runner.LinePump;
import dev.flowbench.runner.OutputLine;
import dev.flowbench.runner.ProcessResult;
import dev.flowbench.runner.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shell, python and node Script and Commands tasks, run as Kestra's Process runner runs them:
 * {@code beforeCommands} then the script or commands as one shell invocation, fail-fast, in the working
 * directory, with the host's environment plus {@code env} plus {@code WORKING_DIR}.
 */
public final class ScriptHandler implements TaskHandler<ScriptTask> {

    private static final int COMMAND_NOT_FOUND = 127;

    @Override
    public TaskOutcome run(ScriptTask task, TaskContext context) throws Exception {
        Path ownDirectory = null;
        Path dir = context.workingDirectory().orElse(null);
        if (dir == null) {
            ownDirectory = context.newWorkingDirectory(task.id());
            dir = ownDirectory;
        }
        Path scriptFile = null;
        try {
            context.writeFiles(dir, context.render(task.inputFiles(), dir));
            List<String> lines = new ArrayList<>();
            if (task.failFast()) {
                lines.add("set -e");
            }
            lines.addAll(context.render(task.beforeCommands(), dir));
            if (task.form() == ScriptTask.Form.SCRIPT) {
                scriptFile = ConfinedFiles.write(dir, ".flowbench-" + task.id() + "-" + task.language().scriptFileName(),
                        context.render(task.script() == null ? "" : task.script(), dir)).path();
                lines.add(invocation(task.language(), context.shell(), scriptFile));
            } else {
                lines.addAll(context.render(task.commands(), dir));
            }
            String joined = String.join("\n", lines);
            List<String> command = task.interpreter().isEmpty() ? context.shell().commandLine(joined)
                    : append(task.interpreter(), joined);
            return execute(task, context, new ProcessSpec(command, dir, environment(task, context, dir), context.processOwner()), dir);
        } finally {
            if (scriptFile != null) {
                Files.deleteIfExists(scriptFile);
            }
            if (ownDirectory != null) {
                WorkFiles.deleteTree(ownDirectory);
            }
        }
    }

    private TaskOutcome execute(ScriptTask task, TaskContext context, ProcessSpec spec, Path dir) throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>();
        AtomicBoolean wroteStderr = new AtomicBoolean();
        AtomicReference<String> lastStderr = new AtomicReference<>("");
        AtomicReference<String> unreadProtocol = new AtomicReference<>();
        LogLevel stderrLevel = task.warningOnStdErr() ? LogLevel.ERROR : LogLevel.WARN;
        ProcessResult result = context.processes().run(spec, line -> {
            if (line.stream() == OutputLine.Stream.STDERR) {
                wroteStderr.set(true);
                lastStderr.set(line.text());
                context.log(stderrLevel, "stderr", line.text(), line.time());
                return;
            }
            if (line.cut() && OutputProtocol.beginsAsProtocol(line.text())) {
                String problem = tooLong(line.text());
                unreadProtocol.compareAndSet(null, problem);
                context.log(LogLevel.ERROR, "flowbench", problem, line.time());
                return;
            }
            Optional<OutputProtocol.Message> protocol = OutputProtocol.parse(line.text());
            if (protocol.isEmpty()) {
                context.log(LogLevel.INFO, "stdout", line.text(), line.time());
                return;
            }
            synchronized (vars) {
                vars.putAll(protocol.get().outputs());
            }
            protocol.get().metrics().forEach(m -> context.metric(m.name(), m.type(), m.value(), m.tags()));
            protocol.get().logs().forEach(l -> context.log(l.level(), "stdout", l.message()));
        }, context.deadline(), context.cancellation());

        Map<String, Object> outputs = new LinkedHashMap<>();
        synchronized (vars) {
            outputs.put("vars", new LinkedHashMap<>(vars));
        }
        outputs.put("exitCode", result.exitCode());
        if (!result.started()) {
            return new TaskOutcome(State.FAILED, result.startError(), outputs);
        }
        if (result.cancelled()) {
            return new TaskOutcome(State.KILLED, "cancelled", outputs);
        }
        if (result.timedOut()) {
            return new TaskOutcome(State.KILLED, "timed out after " + task.header().timeout() + "; its processes were killed", outputs);
        }
        if (result.exitCode() != 0) {
            return new TaskOutcome(State.FAILED, failure(result.exitCode(), lastStderr.get()), outputs);
        }
        if (unreadProtocol.get() != null) {
            return new TaskOutcome(State.FAILED, unreadProtocol.get(), outputs);
        }
        outputs.put("outputFiles", WorkFiles.collectOutputs(dir, context.render(task.outputFiles(), dir), context.storage(), context::warn));
        boolean warning = wroteStderr.get() && task.warningOnStdErr();
        return new TaskOutcome(warning ? State.WARNING : State.SUCCESS,
                warning ? "wrote to stderr (warningOnStdErr is true)" : null, outputs);
    }

    private static String tooLong(String cut) {
        String start = cut.strip();
        return "a line of Kestra's output protocol (" + start.substring(0, Math.min(24, start.length())) + "...) is longer than "
                + String.format(java.util.Locale.ROOT, "%,d", LinePump.MAX_PROTOCOL_LINE) + " characters, the most Flowbench reads: what it carries was not read;"
                + " write large outputs to a file (outputFiles) instead";
    }

    private static String failure(int exitCode, String lastStderr) {
        if (exitCode == COMMAND_NOT_FOUND) {
            return "command not found (exit 127)" + (lastStderr.isBlank() ? "" : ": " + lastStderr.strip());
        }
        return "exited with code " + exitCode + (lastStderr.isBlank() ? "" : ": " + lastStderr.strip());
    }

    /** The line that runs a Script task's file; python falls back to python3 where "python" is missing. */
    static String invocation(ScriptLanguage language, Shell shell, Path file) {
        String quoted = Shell.quote(file.toString());
        return switch (language) {
            case SHELL -> shell.program() + " " + quoted;
            case NODE -> "node " + quoted;
            case PYTHON -> "if command -v python >/dev/null 2>&1; then python " + quoted + "; else python3 " + quoted + "; fi";
        };
    }

    private static Map<String, String> environment(ScriptTask task, TaskContext context, Path dir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(context.render(task.env(), dir));
        env.put("WORKING_DIR", dir.toString());
        return env;
    }

    private static List<String> append(List<String> interpreter, String script) {
        List<String> command = new ArrayList<>(interpreter);
        command.add(script);
        return command;
    }
}
