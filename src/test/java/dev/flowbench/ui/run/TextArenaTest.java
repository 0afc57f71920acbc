package dev.flowbench.ui.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Lines' text packed in large arrays: a line never straddles two, and arrays older than what is kept are let go. */
class TextArenaTest {

    @Test
    void aLineThatDoesNotFitTheRestOfAnArrayStartsTheNext() {
        TextArena arena = new TextArena();
        String most = "a".repeat(TextArena.CHUNK_BYTES - 10);
        long first = arena.append(TextArena.encode(most));
        long second = arena.append(TextArena.encode("0123456789ABCDEF"));
        assertThat(second).isEqualTo(TextArena.CHUNK_BYTES);
        assertThat(arena.chunkCount()).isEqualTo(2);
        assertThat(arena.read(first, most.length())).isEqualTo(most);
        assertThat(arena.read(second, 16)).isEqualTo("0123456789ABCDEF");
    }

    @Test
    void arraysBeforeTheOldestKeptLineAreLetGoAndCannotBeRead() {
        TextArena arena = new TextArena();
        String half = "b".repeat(TextArena.CHUNK_BYTES / 2 + 1);
        long[] at = new long[5];
        for (int i = 0; i < at.length; i++) {
            at[i] = arena.append(TextArena.encode(half)); // one line an array
        }
        arena.releaseBefore(at[3]);
        assertThat(arena.chunkCount()).isEqualTo(2);
        assertThat(arena.read(at[3], half.length())).isEqualTo(half);
        assertThatThrownBy(() -> arena.read(at[2], half.length())).isInstanceOf(IllegalArgumentException.class);
    }
}
