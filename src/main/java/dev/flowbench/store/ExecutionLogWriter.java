package dev.flowbench.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.luben.zstd.ZstdOutputStream;
import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.ExecutionListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes every log line of an execution to its {@linkplain ExecutionLogs log file}, streamed and compressed,
 * however many there are. It receives every event (the execution waits for it rather than lose a line) and
 * flushes what it wrote within a second, so a crash loses little; a last record marks the file complete. A
 * failure to write (a full disk) stops the writing and is reported by {@link #failure()}.
 */
public final class ExecutionLogWriter implements ExecutionListener {

    private static final long FLUSH_MILLIS = 1_000;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ScheduledExecutorService FLUSHES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowbench-log-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final Path executionsDirectory;
    private OutputStream stream;
    private JsonGenerator json;
    private long lines;
    private boolean unflushed;
    private ScheduledFuture<?> flushes;
    private volatile String failure;

    public ExecutionLogWriter(Path executionsDirectory) {
        this.executionsDirectory = executionsDirectory;
    }

    /** Why the log file could not be written in full, if it could not. */
    public String failure() {
        return failure;
    }

    @Override
    public synchronized void onEvent(ExecutionEvent event) {
        if (failure != null) {
            return;
        }
        try {
            if (event instanceof ExecutionEvent.ExecutionStarted started) {
                open(ExecutionLogs.file(executionsDirectory, started.executionId()));
            } else if (event instanceof ExecutionEvent.ExecutionFinished) {
                finish();
            } else if (json != null) {
                LogRecord.of(event, 0).ifPresent(this::write);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            fail(e);
        }
    }

    /** Runs once a second on another thread, hence the synchronisation. */
    private synchronized void flushIfNeeded() {
        if (json == null || !unflushed) {
            return;
        }
        try {
            json.flush();
            unflushed = false;
        } catch (IOException e) {
            fail(e);
        }
    }

    private void open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        stream = new ZstdOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 3);
        json = JSON.createGenerator(stream);
        json.setRootValueSeparator(null);
        flushes = FLUSHES.scheduleWithFixedDelay(this::flushIfNeeded, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void write(LogRecord line) {
        try {
            json.writeStartObject();
            json.writeNumberField("seq", lines + 1);
            json.writeNumberField("at", line.at().toEpochMilli());
            if (line.taskId() != null) {
                json.writeStringField("task", line.taskId());
            }
            if (line.taskRunId() != null) {
                json.writeStringField("taskRun", line.taskRunId());
            }
            json.writeStringField("level", line.level());
            json.writeStringField("stream", line.stream());
            json.writeStringField("message", line.message());
            json.writeEndObject();
            json.writeRaw('\n');
            lines++;
            unflushed = true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void finish() throws IOException {
        if (json == null) {
            return;
        }
        flushes.cancel(false);
        json.writeStartObject();
        json.writeNumberField(ExecutionLogs.END_FIELD, lines);
        json.writeEndObject();
        json.writeRaw('\n');
        json.close();
        json = null;
    }

    private void fail(Exception e) {
        failure = ExecutionLogs.describe(e);
        if (flushes != null) {
            flushes.cancel(false);
        }
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (IOException ignored) {
            // the failure above is what matters
        }
        json = null;
    }
}
