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
 * {@link #MAX_LINE} characters is handed over in pieces, so memory stays bounded whatever is printed, except a line
 * of Kestra's output protocol on stdout ({@code ::{...}::}, which must be read whole to mean anything): it is kept up
 * to {@link #MAX_PROTOCOL_LINE} characters, and past that handed over cut ({@link OutputLine#cut()}), the rest of it
 * skipped. The sink may block: reading then waits, the pipe fills, and the process slows down, as with any pipe.
 */
public final class LinePump implements Runnable {

    static final int MAX_LINE = 64 * 1024;
    /** 8 M characters of JSON: far beyond the outputs a task should print (files are for large data), and bounded. */
    public static final int MAX_PROTOCOL_LINE = 8 * 1024 * 1024;

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
        boolean skipping = false; // the rest of a protocol line too long to keep
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
                        if (!skipping) {
                            emit(line, 0);
                        }
                        skipping = false;
                    } else if (!skipping) {
                        line.append(c);
                        if (line.length() == MAX_LINE && !isProtocol(line)) {
                            emit(line, 0);
                        } else if (line.length() == MAX_PROTOCOL_LINE) {
                            emit(line, MAX_PROTOCOL_LINE);
                            skipping = true;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed under us (process killed): what was read is kept below
        }
        if (!line.isEmpty() && !skipping) {
            emit(line, 0);
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

    /** Whether {@code line} is read as a protocol line, up to {@link #MAX_PROTOCOL_LINE}: on stdout, one that begins so. */
    private boolean isProtocol(StringBuilder line) {
        return stream == OutputLine.Stream.STDOUT && beginsAsProtocol(line);
    }

    private static boolean beginsAsProtocol(StringBuilder line) {
        int first = 0;
        while (first < line.length() && Character.isWhitespace(line.charAt(first))) {
            first++;
        }
        return line.length() >= first + 3 && line.charAt(first) == ':' && line.charAt(first + 1) == ':' && line.charAt(first + 2) == '{';
    }

    private void emit(StringBuilder line, int cutAt) {
        if (!abandoned) {
            sink.accept(new OutputLine(stream, line.toString(), Instant.now(), cutAt));
        }
        line.setLength(0);
    }
}
