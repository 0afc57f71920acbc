package dev.flowbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Help.Ansi;

/** Prints an execution's events as they come: lines for people, or one JSON object per line for machines. */
final class EventPrinter {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private EventPrinter() {
    }

    static ExecutionListener human(PrintWriter out, Ansi ansi) {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        return event -> {
            String line = describe(event, ansi, counts);
            if (line != null) {
                out.println(line);
                out.flush();
            }
        };
    }

    private static String describe(ExecutionEvent event, Ansi ansi, Map<State, Integer> counts) {
        if (event instanceof ExecutionEvent.ExecutionStarted e) {
            return ansi.string("@|bold Execution " + e.executionId() + "|@ of " + e.namespace() + "/" + e.flowId());
        }
        String time = CLOCK.format(event.time()) + " ";
        if (event instanceof ExecutionEvent.TaskStarted e) {
            return time + "[" + e.taskId() + "] started " + shortType(e.taskType());
        }
        if (event instanceof ExecutionEvent.LogLine e) {
            String level = e.level() == LogLevel.INFO ? "" : colour(ansi, e.level()) + " ";
            return time + (e.taskId() == null ? "" : "[" + e.taskId() + "] ") + level + e.message();
        }
        if (event instanceof ExecutionEvent.CacheEvent e) {
            return time + "[" + e.taskId() + "] cache " + e.result() + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (event instanceof ExecutionEvent.TaskFinished e) {
            counts.merge(e.state(), 1, Integer::sum);
            return time + "[" + e.taskId() + "] " + state(ansi, e.state()) + " in " + Figures.seconds(e.duration())
                    + (e.message() == null ? "" : ": " + e.message());
        }
        if (event instanceof ExecutionEvent.LogsDropped e) {
            return time + "... " + e.count() + " log lines not shown: the terminal could not keep up";
        }
        if (event instanceof ExecutionEvent.ExecutionFinished e) {
            StringJoiner tasks = new StringJoiner(", ");
            counts.forEach((state, n) -> tasks.add(n + " " + state));
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            return state(ansi, e.state()) + " in " + Figures.seconds(e.duration()) + ": " + total + (total == 1 ? " task" : " tasks")
                    + (total == 0 ? "" : " (" + tasks + ")") + (e.message() == null ? "" : "; " + e.message())
                    + "; execution " + e.executionId();
        }
        return null;
    }

    static ExecutionListener json(PrintWriter out) {
        return event -> {
            ObjectNode node = JsonValues.mapper().createObjectNode();
            node.put("type", type(event));
            node.put("executionId", event.executionId());
            node.put("time", event.time().toString());
            fill(node, event);
            out.println(node);
            out.flush();
        };
    }

    private static String type(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.ExecutionStarted) {
            return "execution_started";
        } else if (event instanceof ExecutionEvent.TaskStarted) {
            return "task_started";
        } else if (event instanceof ExecutionEvent.LogLine) {
            return "log";
        } else if (event instanceof ExecutionEvent.CacheEvent) {
            return "cache";
        } else if (event instanceof ExecutionEvent.MetricRecorded) {
            return "metric";
        } else if (event instanceof ExecutionEvent.TaskFinished) {
            return "task_finished";
        } else if (event instanceof ExecutionEvent.LogsDropped) {
            return "logs_dropped";
        }
        return "execution_finished";
    }

    private static void fill(ObjectNode node, ExecutionEvent event) {
        if (event instanceof ExecutionEvent.ExecutionStarted e) {
            node.put("namespace", e.namespace());
            node.put("flowId", e.flowId());
            node.set("inputs", JsonValues.tree(e.inputs()));
        } else if (event instanceof ExecutionEvent.TaskStarted e) {
            node.put("taskId", e.taskId());
            node.put("taskType", e.taskType());
        } else if (event instanceof ExecutionEvent.LogLine e) {
            node.put("taskId", e.taskId());
            node.put("level", e.level().name());
            node.put("stream", e.stream());
            node.put("message", e.message());
        } else if (event instanceof ExecutionEvent.CacheEvent e) {
            node.put("taskId", e.taskId());
            node.put("result", e.result());
            node.put("reason", e.reason());
            node.set("details", JsonValues.tree(e.details()));
        } else if (event instanceof ExecutionEvent.MetricRecorded e) {
            node.put("taskId", e.taskId());
            node.put("name", e.name());
            node.put("metricType", e.type());
            node.put("value", e.value());
            node.set("tags", JsonValues.tree(e.tags()));
        } else if (event instanceof ExecutionEvent.TaskFinished e) {
            node.put("taskId", e.taskId());
            node.put("taskType", e.taskType());
            node.put("state", e.state().name());
            node.put("durationMs", e.duration().toMillis());
            node.put("message", e.message());
            node.set("outputs", JsonValues.tree(e.outputs()));
        } else if (event instanceof ExecutionEvent.LogsDropped e) {
            node.put("count", e.count());
        } else if (event instanceof ExecutionEvent.ExecutionFinished e) {
            node.put("state", e.state().name());
            node.put("durationMs", e.duration().toMillis());
            node.put("message", e.message());
        }
    }

    private static String shortType(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    private static String state(Ansi ansi, State state) {
        String colour = switch (state) {
            case SUCCESS -> "green";
            case WARNING -> "yellow";
            case FAILED, KILLED -> "red";
            default -> "faint";
        };
        return ansi.string("@|bold," + colour + " " + state + "|@");
    }

    private static String colour(Ansi ansi, LogLevel level) {
        String colour = switch (level) {
            case ERROR -> "red";
            case WARN -> "yellow";
            default -> "faint";
        };
        return ansi.string("@|" + colour + " " + level + "|@");
    }
}
