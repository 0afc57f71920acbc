package dev.flowbench.cli;

import dev.flowbench.app.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.JsonValues;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionLogs;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.store.LogRecord;
import dev.flowbench.store.TaskRunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
        try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
            List<ExecutionSummary> runs = workspace.history().recent(Math.max(1, limit));
            if (json) {
                ArrayNode array = JsonValues.mapper().createArrayNode();
                runs.forEach(run -> array.add(summaryJson(run)));
                out.println(array);
            } else if (runs.isEmpty()) {
                out.println("No executions yet. Run a flow with: flowbench run FLOW.yml");
            } else {
                out.printf("%-22s  %-9s  %-19s  %9s  %-15s  %s%n", "EXECUTION", "STATE", "STARTED", "DURATION", "CACHE", "FLOW");
                for (ExecutionSummary run : runs) {
                    out.printf("%-22s  %-9s  %-19s  %9s  %-15s  %s/%s%n", run.id(), run.state(), WHEN.format(run.startedAt()),
                            duration(run.duration()), cacheColumn(run),
                            run.namespace(), run.flowId());
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
        node.put("state", run.state().name());
        node.put("message", run.message());
        node.set("inputs", parse(run.inputsJson()));
        node.put("startedAt", run.startedAt().toString());
        node.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        if (run.duration() != null) {
            node.put("durationMs", run.duration().toMillis());
        }
        // the database keeps the first lines; the complete log file has them all, unless the log-size limit removed it
        boolean fileRemoved = run.logRemovedAt() != null;
        node.put("logLinesInDatabase", run.logCount());
        node.put("logLinesOnlyInLogFile", fileRemoved ? 0 : run.logsDropped());
        node.put("logLinesLost", fileRemoved ? run.logsDropped() : 0);
        node.put("logFileRemovedAt", fileRemoved ? run.logRemovedAt().toString() : null);
        node.put("cacheHits", run.cacheHits());
        node.put("cacheMisses", run.cacheMisses());
        return node;
    }

    /** "1 hit, 0 misses"; "-" for an execution without a cached WorkingDirectory. */
    private static String cacheColumn(ExecutionSummary run) {
        return run.cacheHits() + run.cacheMisses() == 0 ? "-" : Figures.hitsAndMisses(run.cacheHits(), run.cacheMisses());
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

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one execution with its tasks and its whole log.")
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
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                Optional<ExecutionDetail> found = workspace.history().find(id);
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("flowbench: no execution '" + id + "' (or the prefix matches several);"
                            + " list them with: flowbench runs");
                    return ExitCodes.USAGE;
                }
                String shownId = found.get().summary().id();
                Path logFile = ExecutionLogs.file(workspace.home().executions(), shownId);
                String[] parent = workspace.history().parentOf(shownId).orElse(null);
                List<ExecutionSummary> children = workspace.history().childrenOf(shownId);
                if (json) {
                    printJson(out, found.get(), logFile, parent, children);
                } else {
                    printDetail(out, found.get(), logFile, parent, children);
                }
                out.flush();
            }
            return ExitCodes.OK;
        }

        private static void printJson(PrintWriter out, ExecutionDetail detail, Path logFile, String[] parent,
                                      List<ExecutionSummary> children) throws IOException {
            ObjectNode node = summaryJson(detail.summary());
            if (parent != null) {
                node.put("parentExecutionId", parent[0]);
                node.put("parentTaskRunId", parent[1]);
            }
            ArrayNode started = node.putArray("childExecutions");
            children.forEach(child -> started.addObject().put("id", child.id()).put("namespace", child.namespace())
                    .put("flowId", child.flowId()).put("state", child.state().name()));
            ArrayNode tasks = node.putArray("tasks");
            for (TaskRunRecord task : detail.tasks()) {
                ObjectNode t = tasks.addObject();
                t.put("taskId", task.taskId());
                t.put("taskRunId", task.taskRunId());
                t.put("parentTaskRunId", task.parentTaskRunId());
                t.put("taskType", task.taskType());
                if (task.isIteration()) {
                    t.put("value", task.value());
                    t.put("iteration", task.iteration());
                }
                t.put("state", task.state().name());
                t.put("message", task.message());
                t.put("startedAt", task.startedAt().toString());
                t.put("endedAt", task.endedAt() == null ? null : task.endedAt().toString());
                t.set("outputs", parse(task.outputsJson()));
            }
            try (JsonGenerator json = JsonValues.mapper().getFactory().createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                json.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeObjectField(field.getKey(), field.getValue());
                }
                json.writeArrayFieldStart("logs");
                LogSource source = logs(detail, logFile, log -> writeLog(json, log));
                json.writeEndArray();
                json.writeStringField("logSource", source.name);
                json.writeBooleanField("logComplete", source.complete);
                if (source.fileLines >= 0) {
                    json.writeNumberField("logFileLines", source.fileLines);
                }
                json.writeEndObject();
            }
            out.println();
        }

        private static void writeLog(JsonGenerator json, LogRecord log) {
            try {
                json.writeStartObject();
                json.writeStringField("time", log.at().toString());
                json.writeStringField("taskId", log.taskId());
                json.writeStringField("taskRunId", log.taskRunId());
                json.writeStringField("level", log.level());
                json.writeStringField("stream", log.stream());
                json.writeStringField("message", log.message());
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void printDetail(PrintWriter out, ExecutionDetail detail, Path logFile, String[] parent,
                                        List<ExecutionSummary> children) throws IOException {
            ExecutionSummary run = detail.summary();
            out.println("Execution " + run.id() + " of " + run.namespace() + "/" + run.flowId());
            out.println("  state     " + run.state() + (run.message() == null ? "" : ": " + run.message()));
            out.println("  started   " + WHEN.format(run.startedAt()) + ", " + duration(run.duration()));
            if (run.flowPath() != null) {
                out.println("  flow      " + run.flowPath());
            }
            out.println("  inputs    " + run.inputsJson());
            if (parent != null) {
                out.println("  started by execution " + parent[0] + " (its task run " + parent[1] + ")");
            }
            for (ExecutionSummary child : children) {
                out.println("  started   execution " + child.id() + " of " + child.namespace() + "/" + child.flowId() + ", "
                        + child.state());
            }
            out.println();
            out.println("Tasks");
            Map<String, Integer> depth = new java.util.HashMap<>(); // a parent's row comes before its children's
            for (TaskRunRecord task : detail.tasks()) {
                Duration taken = task.endedAt() == null ? null : Duration.between(task.startedAt(), task.endedAt());
                int level = task.parentTaskRunId() == null ? 0 : depth.getOrDefault(task.parentTaskRunId(), -1) + 1;
                if (task.taskRunId() != null) {
                    depth.put(task.taskRunId(), level);
                }
                String name = "  ".repeat(level) + dev.flowbench.app.RunLabels.of(task.taskId(), task.iteration(), task.value());
                out.printf("  %-24s %-8s %9s%s%n", name, task.state(), duration(taken),
                        task.message() == null ? "" : "  " + task.message());
            }
            out.println();
            out.println("Logs");
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
            LogSource source = logs(detail, logFile, log -> {
                String level = "INFO".equals(log.level()) ? "" : log.level() + " ";
                out.println("  " + clock.format(log.at()) + (log.taskId() == null ? " " : " [" + log.taskId() + "] ")
                        + level + log.message());
            });
            if (!source.complete) {
                out.println("  ... " + source.note);
            }
        }

        /** Where the printed log came from, whether it is all of it, and how many lines its file held (-1: none). */
        private record LogSource(String name, boolean complete, String note, long fileLines) {
        }

        /** Hands over the whole log from its file, or, without one, the first lines the database kept. */
        private static LogSource logs(ExecutionDetail detail, Path logFile, Consumer<LogRecord> each) throws IOException {
            ExecutionSummary run = detail.summary();
            try {
                ExecutionLogs.Read read = ExecutionLogs.read(logFile, each);
                return read.complete() || run.endedAt() == null ? new LogSource("file", true, null, read.lines())
                        : new LogSource("file", false, "the log ends here: Flowbench stopped writing it before the"
                        + " execution ended (it was killed, or its disk was full)", read.lines());
            } catch (NoSuchFileException e) {
                detail.logs().forEach(each);
                if (run.logsDropped() == 0) {
                    return new LogSource("database", true, null, -1);
                }
                String why = run.logRemovedAt() != null ? "the complete log was removed on " + WHEN.format(run.logRemovedAt())
                        + " to keep logs within " + ExecutionLogs.MAX_SIZE_SETTING : "there is no complete log file for it";
                return new LogSource("database", false, run.logsDropped() + " more lines are not shown: " + why
                        + "; the database keeps the first " + run.logCount(), -1);
            }
        }
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
