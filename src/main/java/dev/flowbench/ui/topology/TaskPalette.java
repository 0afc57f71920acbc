package dev.flowbench.ui.topology;

import java.util.List;

/** The tasks the picture can add: each type Flowbench runs, and cached WorkingDirectories ready to use. */
public final class TaskPalette {

    /** A name for the menu and the task, written as a block map at column 0. */
    public record Entry(String label, String taskText) {
    }

    private static final String PROCESS = "taskRunner:\n  type: io.kestra.plugin.core.runner.Process\n";

    public static final List<Entry> TYPES = List.of(
            new Entry("Shell commands", "id: shell\ntype: io.kestra.plugin.scripts.shell.Commands\n" + PROCESS
                    + "commands:\n  - echo hello\n"),
            new Entry("Shell script", "id: script\ntype: io.kestra.plugin.scripts.shell.Script\n" + PROCESS
                    + "script: |\n  echo hello\n"),
            new Entry("Python script", "id: python\ntype: io.kestra.plugin.scripts.python.Script\n" + PROCESS
                    + "script: |\n  print(\"hello\")\n"),
            new Entry("Node script", "id: node\ntype: io.kestra.plugin.scripts.node.Script\n" + PROCESS
                    + "script: |\n  console.log(\"hello\")\n"),
            new Entry("Log", "id: log\ntype: io.kestra.plugin.core.log.Log\nmessage: hello\n"),
            new Entry("Return a value", "id: value\ntype: io.kestra.plugin.core.debug.Return\nformat: \"{{ execution.id }}\"\n"),
            new Entry("WorkingDirectory", "id: working_dir\ntype: io.kestra.plugin.core.flow.WorkingDirectory\ntasks:\n"
                    + "  - id: step\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n"
                    + "      type: io.kestra.plugin.core.runner.Process\n    commands:\n      - ls\n"));

    public static final List<Entry> TEMPLATES = List.of(
            new Entry("Cached Node dependencies", "id: node_deps\ntype: io.kestra.plugin.core.flow.WorkingDirectory\n"
                    + "cache:\n  patterns:\n    - node_modules/**\n  ttl: PT1H\ntasks:\n  - id: npm_install\n"
                    + "    type: io.kestra.plugin.scripts.node.Commands\n    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n"
                    + "    beforeCommands:\n      - npm init -y\n    commands:\n      - npm install colors\n"),
            new Entry("Cached Python venv", "id: python_venv\ntype: io.kestra.plugin.core.flow.WorkingDirectory\n"
                    + "cache:\n  patterns:\n    - venv/**\n  ttl: PT24H\ntasks:\n  - id: venv\n"
                    + "    type: io.kestra.plugin.scripts.python.Commands\n    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n"
                    + "    beforeCommands:\n      - python3 -m venv venv\n      - source venv/bin/activate\n"
                    + "    commands:\n      - python -c 'import sys; print(sys.prefix)'\n"));

    private TaskPalette() {
    }
}
