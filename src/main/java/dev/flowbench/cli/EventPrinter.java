package dev.flowbench.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Help.Ansi;

/**
 * Prints an execution's events as they come: lines for people, or one JSON object per line for machines. Every
 * event is printed (the execution waits for the printer rather than lose a line); the output is flushed
 * whenever the printer has caught up with the execution.
 */
final class EventPrinter {

    private EventPrinter() {
    }

    static ExecutionListener human(PrintWriter out, Ansi ansi) {
        Counts counts = new Counts();
        ClockText clock = new ClockText();
        Nesting nesting = new Nesting();
        return new ExecutionListener() {
            @Override
            public void onEvent(ExecutionEvent event) {
                if (event instanceof ExecutionEvent.LogLine log) {
                    printLog(out, ansi, clock, log, nesting.indent(log.taskRunId())); // the many: printed piece by piece
                    return;
                }
                String indent = event instanceof ExecutionEvent.TaskStarted started
                        ? nesting.started(started) : nesting.indent(taskRunId(event));
                String line = describe(event, ansi, clock, counts, indent, nesting);
                if (event instanceof ExecutionEvent.TaskFinished finished) {
                    nesting.finished(finished.taskRunId());
                }
                if (line != null) {
                    out.println(line);
                }
            }

            @Override
            public void caughtUp() {
                out.flush();
            }
        };
    }

    /**
     * How deep each running task run is nested, for indenting its lines (two spaces a level), and how its lines name
     * it: its task id, and for a Loop's iteration its index and value ({@code loop #0 'a'}).
     */
    private static final class Nesting {
        private record Run(String indent, String label, boolean iteration) {
        }

        private final Map<String, Run> runs = new java.util.HashMap<>();

        String started(ExecutionEvent.TaskStarted started) {
            String indent = started.parentTaskRunId() == null ? "" : indent(started.parentTaskRunId()) + "  ";
            if (started.taskRunId() != null) {
                runs.put(started.taskRunId(), new Run(indent, label(started), started.isIteration()));
            }
            return indent;
        }

        String indent(String runId) {
            Run run = runId == null ? null : runs.get(runId);
            return run == null ? "" : run.indent();
        }

        String label(String runId, String taskId) {
            Run run = runId == null ? null : runs.get(runId);
            return run == null ? taskId : run.label();
        }

        boolean isIteration(String runId) {
            Run run = runId == null ? null : runs.get(runId);
            return run != null && run.iteration();
        }

        void finished(String runId) {
            runs.remove(runId);
        }

        static String label(ExecutionEvent.TaskStarted started) {
            return dev.flowbench.app.RunLabels.of(started.taskId(), started.iteration(), started.value());
        }
    }

    /** How the task runs ended, and how many iterations of loops ran, for the last line. */
    private static final class Counts {
        final Map<State, Integer> tasks = new EnumMap<>(State.class);
        int iterations;
    }

    private static String taskRunId(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.TaskFinished e) {
            return e.taskRunId();
        }
        return event instanceof ExecutionEvent.CacheEvent e ? e.taskRunId() : null;
    }

    private static void printLog(PrintWriter out, Ansi ansi, ClockText clock, ExecutionEvent.LogLine log, String indent) {
        out.write(clock.format(log.time()));
        out.write(' ');
        out.write(indent);
        if (log.taskId() != null) {
            out.write('[');
            out.write(log.taskId());
            out.write("] ");
        }
        if (log.level() != LogLevel.INFO) {
            out.write(colour(ansi, log.level()));
            out.write(' ');
        }
        out.println(log.message());
    }

    private static String describe(ExecutionEvent event, Ansi ansi, ClockText clock, Counts counts, String indent,
                                   Nesting nesting) {
        if (event instanceof ExecutionEvent.ExecutionStarted e) {
            return ansi.string("@|bold Execution " + e.executionId() + "|@ of " + e.namespace() + "/" + e.flowId());
        }
        String time = clock.text(event.time()) + " " + indent;
        if (event instanceof ExecutionEvent.TaskStarted e) {
            return time + "[" + Nesting.label(e) + "] started" + (e.isIteration() ? "" : " " + shortType(e.taskType()));
        }
        if (event instanceof ExecutionEvent.CacheEvent e) {
            return time + "[" + e.taskId() + "] cache " + e.result() + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (event instanceof ExecutionEvent.TaskFinished e) {
            if (nesting.isIteration(e.taskRunId())) {
                counts.iterations++;
            } else {
                counts.tasks.merge(e.state(), 1, Integer::sum);
            }
            return time + "[" + nesting.label(e.taskRunId(), e.taskId()) + "] " + state(ansi, e.state()) + " in "
                    + Figures.seconds(e.duration()) + (e.message() == null ? "" : ": " + e.message());
        }
        if (event instanceof ExecutionEvent.TaskPaused e) {
            return time + "[" + nesting.label(e.taskRunId(), e.taskId()) + "] " + state(ansi, State.PAUSED)
                    + (e.until() == null ? " until resumed: flowbench resume " + e.executionId()
                    : " until " + clock.text(e.until()) + " (flowbench resume " + e.executionId() + " goes on now)");
        }
        if (event instanceof ExecutionEvent.LogsDropped e) {
            return time + "... " + e.count() + " log lines were lost";
        }
        if (event instanceof ExecutionEvent.ExecutionFinished e) {
            StringJoiner tasks = new StringJoiner(", ");
            counts.tasks.forEach((state, n) -> tasks.add(n + " " + state));
            int total = counts.tasks.values().stream().mapToInt(Integer::intValue).sum();
            return state(ansi, e.state()) + " in " + Figures.seconds(e.duration()) + ": " + total + (total == 1 ? " task" : " tasks")
                    + (total == 0 ? "" : " (" + tasks + ")")
                    + (counts.iterations == 0 ? "" : ", " + counts.iterations + " loop iteration" + (counts.iterations == 1 ? "" : "s"))
                    + (e.message() == null ? "" : "; " + e.message()) + "; execution " + e.executionId();
        }
        return null;
    }

    static ExecutionListener json(PrintWriter out) {
        JsonGenerator json;
        try {
            json = JsonValues.mapper().getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
        return new ExecutionListener() {
            @Override
            public void onEvent(ExecutionEvent event) {
                try {
                    json.writeStartObject();
                    json.writeStringField("type", type(event));
                    json.writeStringField("executionId", event.executionId());
                    json.writeStringField("time", event.time().toString());
                    fill(json, event);
                    json.writeEndObject();
                    json.writeRaw('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void caughtUp() {
                try {
                    json.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
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
        } else if (event instanceof ExecutionEvent.TaskPaused) {
            return "task_paused";
        }
        return "execution_finished";
    }

    private static void fill(JsonGenerator json, ExecutionEvent event) throws IOException {
        if (event instanceof ExecutionEvent.ExecutionStarted e) {
            json.writeStringField("namespace", e.namespace());
            json.writeStringField("flowId", e.flowId());
            json.writeObjectField("inputs", JsonValues.tree(e.inputs()));
        } else if (event instanceof ExecutionEvent.TaskStarted e) {
            json.writeStringField("taskId", e.taskId());
            json.writeStringField("taskRunId", e.taskRunId());
            json.writeStringField("parentTaskRunId", e.parentTaskRunId());
            json.writeStringField("taskType", e.taskType());
            if (e.isIteration()) {
                json.writeStringField("value", e.value());
                json.writeNumberField("iteration", e.iteration());
            }
        } else if (event instanceof ExecutionEvent.LogLine e) {
            json.writeStringField("taskId", e.taskId());
            json.writeStringField("taskRunId", e.taskRunId());
            json.writeStringField("level", e.level().name());
            json.writeStringField("stream", e.stream());
            json.writeStringField("message", e.message());
        } else if (event instanceof ExecutionEvent.CacheEvent e) {
            json.writeStringField("taskId", e.taskId());
            json.writeStringField("taskRunId", e.taskRunId());
            json.writeStringField("result", e.result().name());
            json.writeStringField("reason", e.reason());
            json.writeObjectField("details", JsonValues.tree(e.details()));
        } else if (event instanceof ExecutionEvent.MetricRecorded e) {
            json.writeStringField("taskId", e.taskId());
            json.writeStringField("taskRunId", e.taskRunId());
            json.writeStringField("name", e.name());
            json.writeStringField("metricType", e.type());
            json.writeNumberField("value", e.value());
            json.writeObjectField("tags", JsonValues.tree(e.tags()));
        } else if (event instanceof ExecutionEvent.TaskFinished e) {
            json.writeStringField("taskId", e.taskId());
            json.writeStringField("taskRunId", e.taskRunId());
            json.writeStringField("taskType", e.taskType());
            json.writeStringField("state", e.state().name());
            json.writeNumberField("durationMs", e.duration().toMillis());
            json.writeStringField("message", e.message());
            json.writeObjectField("outputs", JsonValues.tree(e.outputs()));
        } else if (event instanceof ExecutionEvent.LogsDropped e) {
            json.writeNumberField("count", e.count());
        } else if (event instanceof ExecutionEvent.TaskPaused e) {
            json.writeStringField("taskId", e.taskId());
            json.writeStringField("taskRunId", e.taskRunId());
            json.writeStringField("until", e.until() == null ? null : e.until().toString());
        } else if (event instanceof ExecutionEvent.ExecutionFinished e) {
            json.writeStringField("state", e.state().name());
            json.writeNumberField("durationMs", e.duration().toMillis());
            json.writeStringField("message", e.message());
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
