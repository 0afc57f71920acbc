package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.flowbench.engine.State;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The space kept beside the database lets an execution's end be recorded on a disk filled to the last byte. */
class DiskReserveTest {

    @TempDir
    Path temp;
    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A 2 MB file system of our own (root only, as on the machines this project runs on). */
    private Path smallDisk() throws Exception {
        mount = Files.createDirectories(temp.resolve("small"));
        int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start().waitFor();
        assumeThat(mounted).as("mounting a small tmpfs needs root").isZero();
        return mount;
    }

    private static void fillToTheLastByte(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int size = block.length; size > 0; ) {
                try {
                    out.write(block, 0, size);
                    out.flush();
                } catch (IOException full) {
                    size /= 2;
                }
            }
        } catch (IOException closingAFullFile) {
            // what could not be flushed is not needed
        }
    }

    @Test
    void theEndOfAnExecutionIsWrittenIntoTheReserveWhenNothingElseFits() throws Exception {
        Path disk = smallDisk();
        Path reserve = disk.resolve("flowbench.db-reserve");
        try (Database database = Database.open(disk.resolve("flowbench.db"))) {
            assertThat(reserve).hasSize(DiskReserve.BYTES);
            HistoryStore store = new HistoryStore(database);
            store.executionStarted("e1", "test", "full", "/flows/full.yml", "{}", Instant.now());
            fillToTheLastByte(disk.resolve("filler"));

            assertThatThrownBy(() -> store.taskStarted("e1", "t", "r1", null, "io.kestra.plugin.core.log.Log", Instant.now()))
                    .hasMessageContaining("is full");
            store.executionFinished("e1", State.SUCCESS, "done", Instant.now(), 0, 0, java.util.List.of());
            assertThat(reserve).doesNotExist();
            assertThat(store.find("e1").orElseThrow().summary().state()).isEqualTo(State.SUCCESS);
        }

        Files.delete(disk.resolve("filler"));
        try (Database reopened = Database.open(disk.resolve("flowbench.db"))) {
            assertThat(reserve).as("made again on open").hasSize(DiskReserve.BYTES);
        }
    }

    @Test
    void aDiskTooFullForTheReserveGetsNoneRatherThanAPart() throws Exception {
        Path disk = smallDisk();
        fillToTheLastByte(disk.resolve("filler"));
        DiskReserve reserve = new DiskReserve(disk.resolve("flowbench.db"));
        reserve.ensure();
        assertThat(reserve.file()).doesNotExist();
    }
}
