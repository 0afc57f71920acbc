package dev.flowbench.runner;

import java.time.Instant;

/** One line a process wrote, without its line terminator. */
public record OutputLine(Stream stream, String text, Instant time) {

    public enum Stream { STDOUT, STDERR }
}
