package dev.flowbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.JsonValues;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.store.LogRecord;
import dev.flowbench.store.TaskRunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List recent executions, newest first.",
        subcommands = RunsCommand.Show.class)
final class RunsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "How many to list (default ${DEFAULT-VALUE}).")
    int limit = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.open()) {
            List<ExecutionSummary> runs = workspace.history().recent(Math.max(1, limit));
            if (json) {
                ArrayNode array = JsonValues.mapper().createArrayNode();
                runs.forEach(run -> array.add(summaryJson(run)));
                out.println(array);
            } else if (runs.isEmpty()) {
                out.println("No executions yet. Run a flow with: flowbench run FLOW.yml");
            } else {
                out.printf("%-22s  %-9s  %-19s  %9s  %s%n", "EXECUTION", "STATE", "STARTED", "DURATION", "FLOW");
                for (ExecutionSummary run : runs) {
                    out.printf("%-22s  %-9s  %-19s  %9s  %s/%s%n", run.id(), run.state(), WHEN.format(run.startedAt()),
                            duration(run.duration()), run.namespace(), run.flowId());
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    static ObjectNode summaryJson(ExecutionSummary run) {
        ObjectNode node = JsonValues.mapper().createObjectNode();
        node.put("id", run.id());
        node.put("namespace", run.namespace());
        node.put("flowId", run.flowId());
        node.put("flowPath", run.flowPath());
        node.put("state", run.state());
        node.put("message", run.message());
        node.set("inputs", parse(run.inputsJson()));
        node.put("startedAt", run.startedAt().toString());
        node.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        if (run.duration() != null) {
            node.put("durationMs", run.duration().toMillis());
        }
        node.put("logCount", run.logCount());
        node.put("logsDropped", run.logsDropped());
        return node;
    }

    static String duration(Duration duration) {
        return duration == null ? "running" : Figures.seconds(duration);
    }

    private static JsonNode parse(String json) {
        try {
            return JsonValues.mapper().readTree(json);
        } catch (IOException e) {
            return JsonValues.mapper().getNodeFactory().textNode(json);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one execution with its tasks and logs.")
    static final class Show implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The execution id, or a unique prefix of it.")
        String id;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, SQLException {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.open()) {
                Optional<ExecutionDetail> found = workspace.history().find(id);
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("flowbench: no execution '" + id + "' (or the prefix matches several);"
                            + " list them with: flowbench runs");
                    return ExitCodes.USAGE;
                }
                if (json) {
                    out.println(detailJson(found.get()));
                } else {
                    printDetail(out, found.get());
                }
                out.flush();
            }
            return ExitCodes.OK;
        }

        private static ObjectNode detailJson(ExecutionDetail detail) {
            ObjectNode node = summaryJson(detail.summary());
            ArrayNode tasks = node.putArray("tasks");
            for (TaskRunRecord task : detail.tasks()) {
                ObjectNode t = tasks.addObject();
                t.put("taskId", task.taskId());
                t.put("taskType", task.taskType());
                t.put("state", task.state());
                t.put("message", task.message());
                t.put("startedAt", task.startedAt().toString());
                t.put("endedAt", task.endedAt() == null ? null : task.endedAt().toString());
                t.set("outputs", parse(task.outputsJson()));
            }
            ArrayNode logs = node.putArray("logs");
            for (LogRecord log : detail.logs()) {
                ObjectNode l = logs.addObject();
                l.put("time", log.at().toString());
                l.put("taskId", log.taskId());
                l.put("level", log.level());
                l.put("stream", log.stream());
                l.put("message", log.message());
            }
            return node;
        }

        private static void printDetail(PrintWriter out, ExecutionDetail detail) {
            ExecutionSummary run = detail.summary();
            out.println("Execution " + run.id() + " of " + run.namespace() + "/" + run.flowId());
            out.println("  state     " + run.state() + (run.message() == null ? "" : ": " + run.message()));
            out.println("  started   " + WHEN.format(run.startedAt()) + ", " + duration(run.duration()));
            if (run.flowPath() != null) {
                out.println("  flow      " + run.flowPath());
            }
            out.println("  inputs    " + run.inputsJson());
            out.println();
            out.println("Tasks");
            for (TaskRunRecord task : detail.tasks()) {
                Duration taken = task.endedAt() == null ? null : Duration.between(task.startedAt(), task.endedAt());
                out.printf("  %-24s %-8s %9s%s%n", task.taskId(), task.state(), duration(taken),
                        task.message() == null ? "" : "  " + task.message());
            }
            out.println();
            out.println("Logs" + (run.logsDropped() > 0 ? " (" + run.logCount() + " kept; " + run.logsDropped()
                    + " more lines were not kept: the history keeps at most the first lines of each execution)" : ""));
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
            for (LogRecord log : detail.logs()) {
                String level = "INFO".equals(log.level()) ? "" : log.level() + " ";
                out.println("  " + clock.format(log.at()) + (log.taskId() == null ? " " : " [" + log.taskId() + "] ") + level + log.message());
            }
        }
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
