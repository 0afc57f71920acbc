package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task printing a million lines: a listener that records receives every line, however slow it is (the process
 * waits for it, as for a pipe); one that may drop lines is never waited for; memory stays bounded either way.
 */
class LogFloodTest {

    private static final int LINES = 1_000_000;

    @TempDir
    Path home;

    @Test
    void aStuckListenerThatMayDropLinesNeitherBlocksTheProcessNorGrowsWithoutBound() throws Exception {
        Flow flow = EngineFixture.flow("""
                id: flood
                namespace: test
                tasks:
                  - id: flood
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [seq 1 %d]
                """.formatted(LINES));
        CountDownLatch finishedSeenByFastListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong fastLines = new AtomicLong();
        AtomicLong fastDropped = new AtomicLong();
        AtomicLong slowLines = new AtomicLong();
        AtomicLong slowDropped = new AtomicLong();
        ExecutionListener fast = event -> {
            if (event instanceof ExecutionEvent.LogLine) {
                fastLines.incrementAndGet();
            } else if (event instanceof ExecutionEvent.LogsDropped dropped) {
                fastDropped.addAndGet(dropped.count());
            } else if (event instanceof ExecutionEvent.ExecutionFinished) {
                finishedSeenByFastListener.countDown();
            }
        };
        ExecutionListener stuck = ExecutionListener.droppingLogs(event -> {
            awaitQuietly(release);
            if (event instanceof ExecutionEvent.LogLine) {
                slowLines.incrementAndGet();
            } else if (event instanceof ExecutionEvent.LogsDropped dropped) {
                slowDropped.addAndGet(dropped.count());
            }
        });
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        Execution execution = engine.start(flow, Map.of(), List.of(fast, stuck));

        assertThat(finishedSeenByFastListener.await(2, TimeUnit.MINUTES))
                .as("the execution ended while one listener was stuck").isTrue();
        release.countDown();
        ExecutionResult result = execution.await(Duration.ofMinutes(1));

        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(fastLines.get()).as("a recording listener misses nothing").isEqualTo(LINES);
        assertThat(fastDropped.get()).isZero();
        assertThat(slowLines.get() + slowDropped.get()).isEqualTo(LINES);
        assertThat(slowLines.get()).isLessThanOrEqualTo(EventBus.MAX_QUEUED_LOGS + 1);
        assertThat(slowDropped.get()).isPositive();
    }

    @Test
    void aSlowRecordingListenerGetsEveryLineInOrder() throws Exception {
        int lines = 200_000;
        Flow flow = EngineFixture.flow("""
                id: flood
                namespace: test
                tasks:
                  - id: flood
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [seq 1 %d]
                """.formatted(lines));
        AtomicLong received = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong caughtUp = new AtomicLong();
        ExecutionListener slow = new ExecutionListener() {
            @Override
            public void onEvent(ExecutionEvent event) {
                if (event instanceof ExecutionEvent.LogLine line) {
                    long n = received.incrementAndGet();
                    if (!line.message().equals(Long.toString(n))) {
                        outOfOrder.incrementAndGet();
                    }
                    if (n % 20_000 == 0) {
                        sleepQuietly(200); // far slower than seq: the process must wait for it
                    }
                }
            }

            @Override
            public void caughtUp() {
                caughtUp.incrementAndGet();
            }
        };
        Engine engine = new Engine(EngineSettings.of(home.resolve("executions"), home.resolve("work"), WorkingDirectoryHooks.NONE));
        ExecutionResult result = engine.start(flow, Map.of(), List.of(slow)).await(Duration.ofMinutes(2));

        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(received.get()).isEqualTo(lines);
        assertThat(outOfOrder.get()).isZero();
        assertThat(caughtUp.get()).as("told when it has caught up, to flush").isPositive();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
