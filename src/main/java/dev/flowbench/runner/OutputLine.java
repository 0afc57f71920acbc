package dev.flowbench.runner;

import java.time.Instant;

/**
 * One line a process wrote, without its line terminator. {@code cutAt} is 0 for a line handed over whole; otherwise
 * the line was longer than a reader keeps and only its first {@code cutAt} characters are here (see {@link LinePump}).
 */
public record OutputLine(Stream stream, String text, Instant time, int cutAt) {

    public enum Stream { STDOUT, STDERR }

    public OutputLine(Stream stream, String text, Instant time) {
        this(stream, text, time, 0);
    }

    public boolean cut() {
        return cutAt > 0;
    }
}
