package dev.flowbench.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads a process's stream and hands over each line as soon as it is complete. A line longer than
 * {@link #MAX_LINE} characters is handed over in pieces, so memory stays bounded whatever is printed.
 * The sink may block: reading then waits, the pipe fills, and the process slows down, as with any pipe.
 */
final class LinePump implements Runnable {

    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final OutputLine.Stream stream;
    private final Consumer<OutputLine> sink;
    /** When the pump started waiting for data, or 0 while it is handing lines over. */
    private volatile long waitingSince;
    private volatile boolean abandoned;

    LinePump(InputStream in, OutputLine.Stream stream, Consumer<OutputLine> sink) {
        this.in = in;
        this.stream = stream;
        this.sink = sink;
    }

    @Override
    public void run() {
        StringBuilder line = new StringBuilder();
        char[] buffer = new char[8192];
        boolean afterCarriageReturn = false;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int read;
            while ((read = waitForData(reader, buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n' && afterCarriageReturn) {
                        afterCarriageReturn = false;
                        continue;
                    }
                    afterCarriageReturn = c == '\r';
                    if (c == '\n' || c == '\r') {
                        emit(line);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE) {
                            emit(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed under us (process killed): what was read is kept below
        }
        if (!line.isEmpty()) {
            emit(line);
        }
    }

    private int waitForData(Reader reader, char[] buffer) throws IOException {
        waitingSince = System.nanoTime();
        try {
            return reader.read(buffer);
        } finally {
            waitingSince = 0;
        }
    }

    /** How long the pump has been waiting for the process to write, in milliseconds (0 when it is not waiting). */
    long waitingMillis() {
        long since = waitingSince;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000;
    }

    /** Stops handing lines over: whoever still writes to the stream is no longer heard. */
    void abandon() {
        abandoned = true;
    }

    private void emit(StringBuilder line) {
        if (!abandoned) {
            sink.accept(new OutputLine(stream, line.toString(), Instant.now()));
        }
        line.setLength(0);
    }
}
