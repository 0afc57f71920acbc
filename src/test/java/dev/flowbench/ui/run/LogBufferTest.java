package dev.flowbench.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.Test;

/** The log's ring of newest lines: order, capacity, and the changes a view sees (the oldest leave in one). */
class LogBufferTest {

    private static List<LogRow> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new LogRow(Instant.EPOCH, "t", LogLevel.INFO, "stdout", "line " + i)).toList();
    }

    private static List<String> messages(List<LogRow> rows) {
        return rows.stream().map(LogRow::message).toList();
    }

    @Test
    void keepsTheNewestLinesInOrderAndSaysHowManyLeft() {
        LogBuffer buffer = new LogBuffer(5);
        assertThat(buffer.append(lines(0, 3))).isZero();
        assertThat(buffer.append(lines(3, 7))).isEqualTo(2);
        assertThat(messages(buffer)).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6");
        assertThat(buffer.append(lines(7, 20))).as("more at once than it holds").isEqualTo(13);
        assertThat(messages(buffer)).containsExactly("line 15", "line 16", "line 17", "line 18", "line 19");
        buffer.clear();
        assertThat(buffer).isEmpty();
        buffer.append(lines(20, 22));
        assertThat(messages(buffer)).containsExactly("line 20", "line 21");
    }

    @Test
    void theOldestLeaveInOneChangeBeforeTheNewOnesAreAdded() {
        LogBuffer buffer = new LogBuffer(4);
        buffer.append(lines(0, 4));
        List<String> changes = new ArrayList<>();
        buffer.addListener((ListChangeListener<LogRow>) change -> {
            while (change.next()) {
                changes.add((change.wasRemoved() ? "-" + change.getRemovedSize() + "@" + change.getFrom() : "")
                        + (change.wasAdded() ? "+" + change.getFrom() + ".." + change.getTo() : ""));
            }
        });
        buffer.append(lines(4, 7));
        assertThat(changes).containsExactly("-3@0", "+1..4");
    }

    @Test
    void aFilteredViewFollowsIt() {
        LogBuffer buffer = new LogBuffer(10);
        FilteredList<LogRow> even = new FilteredList<>(buffer, row -> Integer.parseInt(row.message().substring(5)) % 2 == 0);
        buffer.append(lines(0, 10));
        buffer.append(lines(10, 15));
        assertThat(messages(even)).containsExactly("line 6", "line 8", "line 10", "line 12", "line 14");
    }

    @Test
    void aRowComesBackAsItWentIn() {
        LogBuffer buffer = new LogBuffer(10);
        LogRow row = new LogRow(Instant.parse("2026-12-02T10:15:30.123456789Z"), "build", LogLevel.WARN, "stderr", "caf\u00e9 \u65e5\u672c \ud83d\ude80");
        LogRow engine = new LogRow(Instant.EPOCH, null, LogLevel.ERROR, "flowbench", "");
        buffer.append(List.of(row, engine));
        assertThat(buffer).containsExactly(row, engine);
    }

    @Test
    void theTextOfLinesThatLeftIsLetGo() {
        LogBuffer buffer = new LogBuffer(1_000);
        String long1k = "x".repeat(1_000);
        for (int round = 0; round < 20; round++) {
            buffer.append(IntStream.range(0, 1_000).mapToObj(i -> new LogRow(Instant.EPOCH, "t", LogLevel.INFO, "stdout", long1k)).toList());
        }
        // 1,000 lines of 1,000 bytes fill two arrays and part of a third; what the 19,000 older lines used is gone
        assertThat(buffer.textChunks()).isLessThanOrEqualTo(3);
        assertThat(buffer.get(999).message()).isEqualTo(long1k);
    }

    @Test
    void aLineTooLongToKeepIsCutAndSaysSo() {
        LogBuffer buffer = new LogBuffer(10);
        String huge = "\u65e5".repeat(TextArena.CHUNK_BYTES / 3 + 10); // three bytes a character: more than an array holds
        buffer.append(List.of(new LogRow(Instant.EPOCH, "t", LogLevel.INFO, "stdout", huge)));
        String kept = buffer.get(0).message();
        assertThat(kept).startsWith(huge.substring(0, PackedLines.LONGEST_KEPT_CHARS)).contains("more characters in the run's log file");
    }

    @Test
    void packedLinesMoveInAndTheOldestLeaveAsForRows() {
        LogBuffer buffer = new LogBuffer(5);
        buffer.append(lines(0, 3));
        PackedLines more = new PackedLines(20);
        lines(3, 10).forEach(more::add);
        assertThat(buffer.append(more)).as("the three it held, and two of the seven coming that never fit").isEqualTo(5);
        assertThat(messages(buffer)).containsExactly("line 5", "line 6", "line 7", "line 8", "line 9");
        assertThat(more.size()).isZero();
    }
}
