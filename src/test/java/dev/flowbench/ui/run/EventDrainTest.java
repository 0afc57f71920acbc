package dev.flowbench.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.ExecutionEvent;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.ui.app.UiTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Events reach the FX thread in batches of bounded size, in order, with lines dropped only past the queue's limit. */
class EventDrainTest {

    /** An FX thread run by hand: what is handed to it waits until {@link #runAll}. */
    private static final class HandRunFx implements UiTasks {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> job, Consumer<T> done, Consumer<Throwable> failed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void later(Duration delay, Runnable action) {
            waiting.add(action);
        }

        @Override
        public void onFxThread(Runnable action) {
            waiting.add(action);
        }

        int runAll() {
            int ran = 0;
            for (Runnable next; (next = waiting.poll()) != null; ran++) {
                next.run();
            }
            return ran;
        }
    }

    private static ExecutionEvent.LogLine line(int i) {
        return new ExecutionEvent.LogLine("x", Instant.EPOCH.plusMillis(i), "t", "r", LogLevel.INFO, "stdout", "line " + i);
    }

    @Test
    void anEventComesOnlyOnceTheLinesBeforeItHaveAndLinesKeepTheirOrder() {
        HandRunFx fx = new HandRunFx();
        List<String> batches = new ArrayList<>();
        EventDrain drain = new EventDrain(fx, batch -> batches.add(batch.events().stream().map(e -> e.getClass().getSimpleName()).toList()
                + " " + batch.lines().get(0).message() + ".." + batch.lines().get(batch.lines().size() - 1).message()));
        drain.onEvent(new ExecutionEvent.TaskStarted("x", Instant.EPOCH, "t", "r", null, "shell"));
        for (int i = 0; i < EventDrain.LINES_PER_HAND_OVER + 5; i++) {
            drain.onEvent(line(i));
        }
        drain.onEvent(new ExecutionEvent.LogsDropped("x", Instant.EPOCH, 3));
        fx.runAll();
        assertThat(batches).containsExactly("[TaskStarted] line 0..line 9999", "[LogsDropped] line 10000..line 10004");
    }

    @Test
    void linesPastTheLimitAreCountedNotKept() {
        HandRunFx fx = new HandRunFx();
        List<Integer> dropped = new ArrayList<>();
        List<Integer> received = new ArrayList<>();
        EventDrain drain = new EventDrain(fx, batch -> {
            dropped.add(batch.droppedLines());
            received.add(batch.lines().size());
        });
        for (int i = 0; i < EventDrain.MAX_QUEUED_LINES + 7; i++) {
            drain.onEvent(line(i));
        }
        fx.runAll();
        assertThat(received.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EventDrain.MAX_QUEUED_LINES);
        assertThat(dropped.get(0)).isEqualTo(7);
        assertThat(received).allMatch(n -> n <= EventDrain.LINES_PER_HAND_OVER);
    }

    @Test
    void whatComesAfterTheEndWaitsForTheLastLines() {
        HandRunFx fx = new HandRunFx();
        List<String> seen = new ArrayList<>();
        EventDrain drain = new EventDrain(fx, batch -> seen.add(batch.lines().size() + " lines"));
        for (int i = 0; i < 3 * EventDrain.LINES_PER_HAND_OVER; i++) {
            drain.onEvent(line(i));
        }
        drain.afterLast(() -> seen.add("after"));
        fx.runAll();
        assertThat(seen).containsExactly("10000 lines", "10000 lines", "10000 lines", "after");
    }
}
