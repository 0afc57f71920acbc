package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KV store lives in the home's database: what one run writes, the next run and {@code flowbench kv} read. */
class KvCommandTest {

    @TempDir
    Path home;
    @TempDir
    Path flows;

    @BeforeEach
    void pointHomeAtATemporaryFolder() {
        System.setProperty("flowbench.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("flowbench.home");
    }

    @Test
    void keysWrittenByAFlowOutliveItsRunAndTheCommandLineReadsAndWritesThem() throws Exception {
        Path counter = Files.writeString(flows.resolve("counter.yml"), """
                id: counter
                namespace: q.kv
                tasks:
                  - id: count
                    type: io.kestra.plugin.core.kv.Set
                    key: runs
                    value: "{{ (kv('runs', errorOnMissing=false) ?? '0') | number + 1 }}"
                  - id: say
                    type: io.kestra.plugin.core.log.Log
                    message: "run {{ kv('runs') }}, greeting {{ kv('greeting', errorOnMissing=false) ?? 'none' }}"
                """);
        assertThat(ValidateCommandTest.run("run", counter.toString()).out()).contains("run 1, greeting none");
        assertThat(ValidateCommandTest.run("kv", "set", "q.kv", "greeting", "hello there").exit()).isZero();
        assertThat(ValidateCommandTest.run("run", counter.toString()).out()).contains("run 2, greeting hello there");

        assertThat(ValidateCommandTest.run("kv", "get", "q.kv", "runs").out().strip()).isEqualTo("2");
        assertThat(ValidateCommandTest.run("kv", "ls").out()).containsPattern("q\\.kv +greeting +STRING +hello there")
                .containsPattern("q\\.kv +runs +NUMBER +2 ");
        JsonNode listed = new ObjectMapper().readTree(ValidateCommandTest.run("kv", "ls", "q.kv", "--json").out());
        assertThat(listed.findValuesAsText("key")).containsExactly("greeting", "runs");

        assertThat(ValidateCommandTest.run("kv", "rm", "q.kv", "greeting").exit()).isZero();
        ValidateCommandTest.Result gone = ValidateCommandTest.run("kv", "get", "q.kv", "greeting");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("no key 'greeting' in the namespace q.kv");
        assertThat(ValidateCommandTest.run("kv", "rm", "q.kv", "greeting").exit()).isEqualTo(1);
        assertThat(ValidateCommandTest.run("kv", "set", "q.kv", "x", "y", "--ttl", "soon").exit()).isEqualTo(2);
        assertThat(ValidateCommandTest.run("kv", "set", "q.kv", "limit", "5", "--type", "NUMBER").exit()).isZero();
        assertThat(ValidateCommandTest.run("kv", "ls", "q.kv", "--json").out()).contains("{\"namespace\":\"q.kv\",\"key\":\"limit\",\"type\":\"NUMBER\",\"value\":\"5\"");
        ValidateCommandTest.Result notANumber = ValidateCommandTest.run("kv", "set", "q.kv", "limit", "five", "--type", "NUMBER");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("the value 'five' is not a NUMBER (--type)");
        assertThat(ValidateCommandTest.run("kv", "set", "q.kv", "short", "lived", "--ttl", "PT0.001S").exit()).isZero();
        Thread.sleep(20);
        assertThat(ValidateCommandTest.run("kv", "get", "q.kv", "short").exit()).as("past its ttl").isEqualTo(1);
    }
}
