package dev.flowbench.engine;

import dev.flowbench.runner.Cancellation;
import java.time.Instant;

/**
 * Where a task run sits: the task run it is nested in (null at the flow's top), the deadline it inherits (null for
 * none) and the cancellation that stops it with its siblings.
 */
record Nest(String parentRunId, Instant deadline, Cancellation cancellation) {
}
