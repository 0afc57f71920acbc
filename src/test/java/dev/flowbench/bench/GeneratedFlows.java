package dev.flowbench.bench;

/** Large, valid flows for benchmarks and scale tests. */
public final class GeneratedFlows {

    private GeneratedFlows() {
    }

    /** A valid flow of about {@code lines} lines: inputs, cached WorkingDirectories with script children, logs. */
    public static String ofLines(int lines) {
        StringBuilder yaml = new StringBuilder("""
                id: generated_flow
                namespace: flowbench.bench
                description: A generated flow for benchmarks — with some ünïcödé 🚀 in it.
                labels:
                  kind: benchmark
                inputs:
                  - id: name
                    type: STRING
                    defaults: world
                  - id: level
                    type: SELECT
                    values: [low, high]
                    defaults: low
                tasks:
                """);
        int group = 0;
        while (countLines(yaml) < lines - 8) {
            appendGroup(yaml, group++);
        }
        yaml.append("finally:\n  - id: done\n    type: io.kestra.plugin.core.log.Log\n    message: done\n");
        return yaml.toString();
    }

    private static void appendGroup(StringBuilder yaml, int n) {
        yaml.append("  - id: wd_").append(n).append('\n')
            .append("    type: io.kestra.plugin.core.flow.WorkingDirectory\n")
            .append("    cache:\n")
            .append("      patterns:\n")
            .append("        - node_modules/**\n")
            .append("        - build/").append(n).append("/*.txt\n")
            .append("      ttl: PT").append(1 + n % 48).append("H\n")
            .append("    tasks:\n")
            .append("      - id: install_").append(n).append('\n')
            .append("        type: io.kestra.plugin.scripts.node.Commands\n")
            .append("        taskRunner:\n")
            .append("          type: io.kestra.plugin.core.runner.Process\n")
            .append("        timeout: PT10M\n")
            .append("        env:\n")
            .append("          STEP: \"").append(n).append("\"\n")
            .append("        beforeCommands:\n")
            .append("          - npm ci\n")
            .append("        commands:\n")
            .append("          - node build.js {{ inputs.name }}\n")
            .append("          - echo '::{\"outputs\":{\"step\":").append(n).append("}}::'\n")
            .append("      - id: script_").append(n).append('\n')
            .append("        type: io.kestra.plugin.scripts.python.Script\n")
            .append("        warningOnStdErr: false\n")
            .append("        script: |\n")
            .append("          import os\n")
            .append("          print(\"step ").append(n).append(" in\", os.getcwd())\n")
            .append("  - id: log_").append(n).append('\n')
            .append("    type: io.kestra.plugin.core.log.Log\n")
            .append("    message: \"{{ outputs.install_").append(n).append(".vars.step }} done\"\n");
    }

    private static int countLines(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
