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
 */
final class LinePump implements Runnable {

    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final OutputLine.Stream stream;
    private final Consumer<OutputLine> sink;

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
            while ((read = reader.read(buffer)) != -1) {
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

    private void emit(StringBuilder line) {
        sink.accept(new OutputLine(stream, line.toString(), Instant.now()));
        line.setLength(0);
    }
}
