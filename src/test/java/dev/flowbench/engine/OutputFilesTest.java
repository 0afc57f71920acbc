package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What outputFiles match that is not a regular file is not kept, and the task's log says so. */
class OutputFilesTest {

    @TempDir
    Path home;

    @Test
    void aLinkOrAPipeMatchedByOutputFilesIsNotKeptAndSaidSo() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: outputs
                namespace: test
                tasks:
                  - id: make
                    type: io.kestra.plugin.scripts.shell.Commands
                    outputFiles:
                      - "*.out"
                    commands:
                      - echo data > a.out
                      - ln -s /dev/zero b.out
                      - ln -s /etc/hostname c.out
                      - mkfifo d.out
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) ((Map<String, Object>) result.outputs().get("make")).get("outputFiles");
        assertThat(files).containsOnlyKeys("a.out");
        assertThat(engine.logs("make")).containsExactly(
                "output file 'b.out' was not kept: it is a symbolic link (to /dev/zero), and only regular files are output files",
                "output file 'c.out' was not kept: it is a symbolic link (to /etc/hostname), and only regular files are output files",
                "output file 'd.out' was not kept: it is a pipe, a device or a socket, not a regular file");
    }
}
