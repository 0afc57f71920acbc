package dev.flowbench.flow;

import dev.flowbench.flow.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reading a flow's text, bounded whatever it is given: a flow may have {@link YamlReader#MAX_CODE_POINTS}
 * characters, so at most {@link #MAX_BYTES} (their UTF-8 size at worst) are ever read; a larger regular file
 * is refused from its size alone. A FIFO or device must deliver its text within {@link #SPECIAL_FILE_WAIT}
 * (a FIFO nobody writes to would block for ever). Failures are {@link Unreadable} with a message saying what.
 */
public final class FlowSource {

    public static final long MAX_BYTES = 4L * YamlReader.MAX_CODE_POINTS;
    public static final Duration SPECIAL_FILE_WAIT = Duration.ofSeconds(10);

    /** A flow's text that cannot be read: the message says why, for the user. */
    public static final class Unreadable extends IOException {
        public Unreadable(String message) {
            super(message);
        }
    }

    private FlowSource() {
    }

    public static String read(Path file) throws Unreadable {
        try {
            if (Files.isDirectory(file)) {
                throw new Unreadable("is a directory");
            }
            if (Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > MAX_BYTES) {
                    throw tooLarge(size);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return decode(readBounded(in));
                }
            }
            return readSpecial(file);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable("permission denied");
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable("cannot read (" + e.getMessage() + ")");
        }
    }

    /** Reads a stream (standard input) to its end, or to the limit. */
    public static String read(InputStream in) throws Unreadable {
        try {
            return decode(readBounded(in));
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable("cannot read (" + e.getMessage() + ")");
        }
    }

    /** A FIFO, a device, /dev/stdin...: read on a thread of its own, given up after {@link #SPECIAL_FILE_WAIT}. */
    private static String readSpecial(Path file) throws IOException {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(file)) { // opening a FIFO waits for a writer
                read.complete(readBounded(in));
            } catch (IOException | RuntimeException e) {
                read.completeExceptionally(e);
            }
        }, "flowbench-read-" + file.getFileName());
        reader.setDaemon(true);
        reader.start();
        try {
            return decode(read.get(SPECIAL_FILE_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new Unreadable("not a regular file, and its whole text did not come within " + SPECIAL_FILE_WAIT.toSeconds()
                    + " s (a pipe nobody writes to?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted while reading");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable("more than " + megabytes(MAX_BYTES) + " MB: a flow has at most "
                    + String.format(Locale.ROOT, "%,d", YamlReader.MAX_CODE_POINTS) + " characters");
        }
        return bytes;
    }

    private static String decode(byte[] bytes) throws Unreadable {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("not UTF-8 text; flows are UTF-8");
        }
        int characters = text.codePointCount(0, text.length());
        if (characters > YamlReader.MAX_CODE_POINTS) {
            throw new Unreadable(String.format(Locale.ROOT, "%,d characters: a flow has at most %,d", characters,
                    YamlReader.MAX_CODE_POINTS));
        }
        return text;
    }

    private static Unreadable tooLarge(long size) {
        return new Unreadable(megabytes(size) + " MB: a flow has at most " + String.format(Locale.ROOT, "%,d",
                YamlReader.MAX_CODE_POINTS) + " characters (" + megabytes(MAX_BYTES) + " MB at most)");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / 1_048_576.0);
    }
}
