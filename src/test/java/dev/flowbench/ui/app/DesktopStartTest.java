package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command left for the script, and how a start the script made puts it back (the starts themselves: DesktopJvmIT). */
class DesktopStartTest {

    @TempDir
    Path cds;

    @Test
    void theCommandIsWrittenOneArgumentPerLineAndWhatDeadStartsLeftIsRemoved() throws Exception {
        Path leftByACrash = Files.writeString(cds.resolve(Integer.MAX_VALUE + "-" + DesktopStart.FILE_NAME), "old");
        Path aStartUnderWay = Files.writeString(cds.resolve(ProcessHandle.current().pid() + "-" + DesktopStart.FILE_NAME), "now");
        DesktopStart start = new DesktopStart(cds);

        start.write(List.of("/usr/bin/java", "-XX:SharedArchiveFile=/a b/app.jsa", "-cp", "app.jar", "Main"));

        assertThat(Files.readAllLines(start.file())).containsExactly("/usr/bin/java", "-XX:SharedArchiveFile=/a b/app.jsa", "-cp",
                "app.jar", "Main");
        assertThat(leftByACrash).doesNotExist();
        assertThat(aStartUnderWay).exists();
        try (var files = Files.list(cds)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
        start.remove();
        assertThat(start.file()).doesNotExist();
    }

    @Test
    void aStartedAppPutsTheCommandBackUnlessALauncherWroteANewOneMeanwhile() throws Exception {
        DesktopStart start = new DesktopStart(cds);
        Path aside = Files.writeString(cds.resolve("123-" + DesktopStart.FILE_NAME), "java\n");
        DesktopStart.confirm(aside.toString());
        assertThat(start.file()).hasContent("java");
        assertThat(aside).doesNotExist();

        Path again = Files.writeString(cds.resolve("124-" + DesktopStart.FILE_NAME), "older\n");
        start.write(List.of("newer"));
        DesktopStart.confirm(again.toString());
        assertThat(start.file()).hasContent("newer");
        assertThat(again).doesNotExist();

        DesktopStart.confirm(null); // not started by the script: nothing to do
        DesktopStart.confirm(cds.resolve("125-" + DesktopStart.FILE_NAME).toString()); // gone already
        assertThat(start.file()).hasContent("newer");
    }
}
