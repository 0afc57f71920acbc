package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs too big or endless get a one-line error and exit 2, with memory bounded and nothing waiting for ever. */
class HugeInputTest {

    @TempDir
    Path dir;

    @Test
    void aHugeFileIsRefusedFromItsSizeWithoutBeingRead() throws Exception {
        Path huge = dir.resolve("huge.yml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024); // sparse: 3 GB that take no disk
        }
        ValidateCommandTest.Result result = ValidateCommandTest.run("validate", huge.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("flowbench: " + huge + ": 3,072.0 MB: a flow has at most 4,194,304"
                + " characters (16.0 MB at most)");
        assertThat(ValidateCommandTest.run("run", huge.toString()).exit()).isEqualTo(2);
    }

    @Test
    void anEndlessDeviceStopsAtTheLimit() {
        ValidateCommandTest.Result result = ValidateCommandTest.run("validate", "/dev/zero");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("flowbench: /dev/zero: more than 16.0 MB: a flow has at most 4,194,304 characters");
    }

    @Test
    void anEndlessStandardInputStopsAtTheLimit() {
        InputStream stdin = System.in;
        System.setIn(new InputStream() { // what `yes 'a: b' | flowbench validate -` sends
            private final byte[] line = "a: b\n".getBytes();
            private long at;

            @Override
            public int read() {
                return line[(int) (at++ % line.length)];
            }
        });
        try {
            ValidateCommandTest.Result result = ValidateCommandTest.run("validate", "-");
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).contains("flowbench: -: more than 16.0 MB");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aFifoNobodyWritesToIsGivenUpWithAMessage() throws Exception {
        Path fifo = dir.resolve("flow.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
        ValidateCommandTest.Result result = ValidateCommandTest.run("validate", fifo.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(fifo + ": not a regular file, and its whole text did not come within 10 s");
    }

    @Test
    void aFifoWithAWriterIsReadLikeAFile() throws Exception {
        Path fifo = dir.resolve("written.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
        Process writer = new ProcessBuilder("bash", "-c", "cat sample-flows/inputs_and_outputs.yml > " + fifo).start();
        ValidateCommandTest.Result result = ValidateCommandTest.run("validate", fifo.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(fifo)).isTrue();
    }
}
