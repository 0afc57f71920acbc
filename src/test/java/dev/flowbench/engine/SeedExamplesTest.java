package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caching page's examples run as written (the npm registry is reachable from these machines). */
class SeedExamplesTest {

    @TempDir
    Path home;

    @Test
    void theNodeExampleRunsAsWritten() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run(Files.readString(Path.of("sample-flows/node_cached_dependencies.yml")));
        assertThat(result.state()).as(engine.logs("node_script").toString()).isIn(State.SUCCESS, State.WARNING);
        assertThat(engine.logs("node_script")).anySatisfy(line -> assertThat(line).contains("Hello"));
    }

    @Test
    void sourceActivatesAVenvBecauseScriptsRunUnderBash() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: venv
                namespace: test
                tasks:
                  - id: working_dir
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: python_script
                        type: io.kestra.plugin.scripts.python.Script
                        taskRunner:
                          type: io.kestra.plugin.core.runner.Process
                        warningOnStdErr: false
                        beforeCommands:
                          - python3 -m venv venv
                          - source venv/bin/activate
                        script: |
                          import sys
                          print("in venv:", sys.prefix != sys.base_prefix)
                """);
        assertThat(result.state()).as(engine.logs("python_script").toString()).isEqualTo(State.SUCCESS);
        assertThat(engine.logs("python_script")).containsExactly("in venv: True");
    }
}
