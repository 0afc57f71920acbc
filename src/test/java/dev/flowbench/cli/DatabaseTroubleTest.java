package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk and a database another process keeps locked: the run says so in words, and the record stays true. */
class DatabaseTroubleTest {

    @TempDir
    Path temp;
    private Path home;
    private Path mount;
    private Process locker;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        home = temp.resolve("home");
        System.setProperty("flowbench.home", home.toString());
    }

    @AfterEach
    void restore() throws Exception {
        System.clearProperty("flowbench.home");
        if (locker != null) {
            locker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path flow(int lines) throws Exception {
        return Files.writeString(temp.resolve("lines.yml"), """
                id: lines
                namespace: test
                tasks:
                  - id: print
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [seq 1 %d]
                """.formatted(lines));
    }

    /** A flow printing about 2 MB that compresses poorly: its log file cannot fit in what a test leaves free. */
    private Path noisyFlow() throws Exception {
        return Files.writeString(temp.resolve("noisy.yml"), """
                id: noisy
                namespace: test
                tasks:
                  - id: print
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [head -c 1500000 /dev/urandom | base64]
                """);
    }

    private JsonNode lastRun() throws Exception {
        return new ObjectMapper().readTree(ValidateCommandTest.run("runs", "--json").out()).get(0);
    }

    /** A 3 MB file system of our own (root only, as on the machines this project runs on). */
    private void homeOnASmallDisk() throws Exception {
        mount = Files.createDirectories(temp.resolve("small"));
        int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start().waitFor();
        assumeThat(mounted).as("mounting a small tmpfs needs root").isZero();
        home = mount.resolve("home");
        System.setProperty("flowbench.home", home.toString());
    }

    @Test
    void aFullDiskIsSaidAsSuchAndASuccessfulRunIsRecordedAsSuccessful() throws Exception {
        homeOnASmallDisk();
        assertThat(ValidateCommandTest.run("run", flow(10).toString()).exit()).isZero();
        long free = Files.getFileStore(mount).getUsableSpace();
        Files.write(mount.resolve("filler"), new byte[(int) Math.max(0, free - 400 * 1024)]);

        ValidateCommandTest.Result run = ValidateCommandTest.run("run", noisyFlow().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("SUCCESS in");
        assertThat(run.err()).contains("is incomplete: the disk holding the database " + home.resolve("flowbench.db") + " is full")
                .contains("its final state SUCCESS was recorded")
                .contains("could not be written: the disk is full")
                .doesNotContain("no transaction is active");

        Files.delete(mount.resolve("filler"));
        JsonNode recorded = lastRun();
        assertThat(home.resolve("flowbench.db-reserve")).as("the space kept for a final state, there again")
                .hasSize(256 * 1024);
        assertThat(recorded.get("state").asText()).isEqualTo("SUCCESS");
        assertThat(recorded.get("message").asText()).isEqualTo("incomplete record: the disk holding the database "
                + home.resolve("flowbench.db") + " is full");
        JsonNode shown = new ObjectMapper().readTree(ValidateCommandTest.run("runs", "show", recorded.get("id").asText(), "--json").out());
        assertThat(shown.get("tasks")).singleElement().satisfies(task -> {
            assertThat(task.get("taskId").asText()).isEqualTo("print");
            assertThat(task.get("state").asText()).as("its end, written with the execution's").isEqualTo("SUCCESS");
            assertThat(task.get("endedAt").isNull()).isFalse();
        });
    }

    /** Another process (Python's sqlite3) takes the database's write lock and keeps it. */
    private void lockTheDatabase(int seconds) throws Exception {
        assertThat(ValidateCommandTest.run("runs").exit()).isZero(); // creates the database
        locker = new ProcessBuilder("python3", "-c", """
                import sqlite3, sys, time
                c = sqlite3.connect(sys.argv[1], isolation_level=None)
                c.execute('BEGIN IMMEDIATE')
                print('locked', flush=True)
                time.sleep(float(sys.argv[2]))
                c.execute('COMMIT')
                """, home.resolve("flowbench.db").toString(), Integer.toString(seconds)).redirectErrorStream(true).start();
        BufferedReader said = new BufferedReader(new InputStreamReader(locker.getInputStream(), StandardCharsets.UTF_8));
        assertThat(said.readLine()).isEqualTo("locked");
    }

    @Test
    void aBusyDatabaseIsReportedWithItsHolderAfterASecondAndTheRunGoesOnWhenItIsFree() throws Exception {
        lockTheDatabase(3);
        ValidateCommandTest.Result run = ValidateCommandTest.run("run", flow(10).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("the database " + home.resolve("flowbench.db") + " is busy: process " + locker.pid()
                + " (", "python3 -c import sqlite3, sys, time c = sql", "holds a write lock; waiting up to 15 s");
        assertThat(run.err()).doesNotContain("incomplete");
        assertThat(lastRun().get("state").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void aDatabaseLockedForTooLongIsTheCauseReported() throws Exception {
        lockTheDatabase(600);
        Files.writeString(home.resolve("settings.properties"), "database.busyTimeout = PT2S\n");
        ValidateCommandTest.Result run = ValidateCommandTest.run("run", flow(10).toString());
        assertThat(run.out()).contains("SUCCESS in");
        assertThat(run.err()).contains("is incomplete: the database " + home.resolve("flowbench.db") + " is busy: process "
                + locker.pid() + " (").contains("python3 -c import sqlite3", "kept it locked for more than 2 s")
                .contains("it is not in the history").doesNotContain("no transaction is active");
        assertThat(run.err().lines().filter(l -> l.contains("holds a write lock")).count()).as("told once").isEqualTo(1);
        locker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.writeString(home.resolve("settings.properties"), "database.busyTimeout = nonsense\n");
        ValidateCommandTest.Result bad = ValidateCommandTest.run("runs");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("database.busyTimeout: 'nonsense' is not an ISO-8601 duration");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsSaidInOneLineWithTheStatusOfARunThatDidNotHappen() throws Exception {
        Files.createDirectories(home);
        Files.writeString(home.resolve("flowbench.db"), "not a database, " + "x".repeat(4096));
        for (String[] args : List.of(new String[] {"runs"}, new String[] {"run", flow(1).toString()}, new String[] {"cache", "ls"})) {
            ValidateCommandTest.Result result = ValidateCommandTest.run(args);
            assertThat(result.exit()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE).isNotEqualTo(ExitCodes.FAILED);
            assertThat(result.err().strip()).startsWith("flowbench: cannot open the database " + home.resolve("flowbench.db"))
                    .doesNotContain("\n").doesNotContain("Exception");
        }
    }
}
