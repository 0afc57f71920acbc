package dev.flowbench.ui.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Log lines' text as UTF-8, one after the other in large arrays, oldest first. A line is found again by the offset
 * {@link #append} gave it; the arrays wholly older than a given offset are let go. Large arrays, not a String per
 * line, because the garbage collector copies every young object a view keeps, at each pause: 100,000 lines held as
 * Strings made pauses of 30 to 60 ms while a flood went on; a few arrays of half a megabyte it does not copy at all.
 */
final class TextArena {

    /**
     * Bytes per array: with its header exactly half of a G1 region of 1 MB (the smallest, and the size G1 picks for
     * heaps of up to a few GB), which makes each a humongous object, never copied; with larger regions an array is
     * copied, as one block, once or twice before it is old. A line (at most 64K characters: see the line pump) always
     * fits in one.
     */
    static final int CHUNK_BYTES = 512 * 1024 - 16;

    private final List<byte[]> chunks = new ArrayList<>();
    /** The number of the oldest array kept; array {@code n} holds the offsets from {@code n * CHUNK_BYTES}. */
    private long firstChunk;
    /** Where the next line goes. */
    private long end;

    /** Stores the text (UTF-8, from {@link #encode}); returns its offset. */
    long append(byte[] text) {
        return append(text, 0, text.length);
    }

    /** Stores the text another arena keeps at {@code at}, without decoding it; returns its offset here. */
    long appendCopy(TextArena source, long at, int length) {
        return length == 0 ? end : append(source.chunkOf(at), (int) (at % CHUNK_BYTES), length);
    }

    private long append(byte[] bytes, int from, int length) {
        if (length > CHUNK_BYTES) {
            throw new IllegalArgumentException("a line of " + length + " bytes is longer than " + CHUNK_BYTES);
        }
        long used = end % CHUNK_BYTES;
        if (used + length > CHUNK_BYTES) {
            end += CHUNK_BYTES - used; // the rest of the full array stays unused
        }
        long chunk = end / CHUNK_BYTES;
        if (chunks.isEmpty()) {
            firstChunk = chunk;
        }
        if (chunk == firstChunk + chunks.size()) {
            chunks.add(new byte[CHUNK_BYTES]);
        }
        long at = end;
        System.arraycopy(bytes, from, chunks.get(chunks.size() - 1), (int) (at % CHUNK_BYTES), length);
        end += length;
        return at;
    }

    static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    String read(long at, int length) {
        if (length == 0) {
            return "";
        }
        if (at + length > end) {
            throw new IllegalArgumentException("no text kept at " + at);
        }
        return new String(chunkOf(at), (int) (at % CHUNK_BYTES), length, StandardCharsets.UTF_8);
    }

    private byte[] chunkOf(long at) {
        long chunk = at / CHUNK_BYTES;
        if (chunk < firstChunk || chunk >= firstChunk + chunks.size()) {
            throw new IllegalArgumentException("no text kept at " + at);
        }
        return chunks.get((int) (chunk - firstChunk));
    }

    /** Lets go of the arrays that hold nothing at or after {@code at}. */
    void releaseBefore(long at) {
        while (chunks.size() > 1 && (firstChunk + 1) * CHUNK_BYTES <= at) {
            chunks.remove(0); // a few hundred at most
            firstChunk++;
        }
    }

    void clear() {
        chunks.clear();
    }

    /** Arrays held, for tests. */
    int chunkCount() {
        return chunks.size();
    }
}
