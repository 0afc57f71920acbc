package dev.flowbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowbench.cli.ValidateCommandTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {

    private static final String LEGACY = """
            id: legacy
            namespace: company.team
            tasks:
              # greet each one
              - id: each
                type: io.kestra.plugin.core.flow.ForEach
                values: [ann, bob]
                tasks:
                  - id: hello
                    type: io.kestra.plugin.core.debug.Echo
                    format: "hello {{ taskrun.value }}"
            """;

    private static final String CURRENT = """
            id: current
            namespace: company.team
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: hello
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void checkPrintsTheDiffChangesNothingAndExitsOne() throws IOException {
        Path legacy = write("legacy.yml", LEGACY);
        Result result = ValidateCommandTest.run("migrate", legacy.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains(legacy + ": to rewrite: Rewrite ForEach as Loop (line 6); Rewrite Echo as Log (line 10)",
                "--- " + legacy, "+++ " + legacy,
                "-    type: io.kestra.plugin.core.flow.ForEach", "+    type: io.kestra.plugin.core.flow.Loop",
                "+    concurrencyLimit: 1", "+        message: \"hello {{ item.value }}\"");
        assertThat(Files.readString(legacy)).isEqualTo(LEGACY);
    }

    @Test
    void aKestra2FlowIsCompatibleAndExitsZero() throws IOException {
        Path current = write("current.yml", CURRENT);
        Result result = ValidateCommandTest.run("migrate", "--check", current.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains(current + ": compatible with Kestra 2");
    }

    @Test
    void writeRewritesTheFileKeepingItsCommentsAndItThenValidatesForKestra2() throws IOException {
        Path legacy = write("legacy.yml", LEGACY);
        Result result = ValidateCommandTest.run("migrate", "--write", legacy.toString());
        assertThat(result.exit()).isZero();
        assertThat(Files.readString(legacy)).isEqualTo("""
                id: legacy
                namespace: company.team
                tasks:
                  # greet each one
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: [ann, bob]
                    concurrencyLimit: 1
                    tasks:
                      - id: hello
                        type: io.kestra.plugin.core.log.Log
                        message: "hello {{ item.value }}"
                """);
        assertThat(ValidateCommandTest.run("validate", legacy.toString()).out()).doesNotContain("error");
        assertThat(ValidateCommandTest.run("migrate", legacy.toString()).exit()).isZero();
    }

    @Test
    void aFolderIsTakenWholeWithASummaryAndWhatNeedsAPersonSaysWhere() throws IOException {
        write("legacy.yml", LEGACY);
        write("current.yaml", CURRENT);
        write("notes.txt", "not a flow");
        write("manual.yml", CURRENT.replace("io.kestra.plugin.core.log.Log", "io.kestra.plugin.core.log.Fetch"));
        Result result = ValidateCommandTest.run("migrate", "--write", dir.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains(dir.resolve("manual.yml") + ":5:11: log.Fetch was removed in Kestra 2.0: use"
                + " io.kestra.plugin.kestra.logs.Fetch", "3 flows: 1 compatible, 1 rewritten, 1 needing a person");
    }

    @Test
    void jsonSaysEachFlowsStatusRewritesWhatIsLeftAndTheDiff() throws IOException {
        Path legacy = write("legacy.yml", LEGACY);
        Result result = ValidateCommandTest.run("migrate", "--json", legacy.toString());
        JsonNode node = new ObjectMapper().readTree(result.out());
        assertThat(node.path("status").asText()).isEqualTo("to-rewrite");
        assertThat(node.path("rewrites")).hasSize(2);
        assertThat(node.path("manual")).isEmpty();
        assertThat(node.path("diff").asText()).contains("+    type: io.kestra.plugin.core.flow.Loop");
    }

    @Test
    void anUnreadableFileIsSaidAndNothingIsWritten() throws IOException {
        Path legacy = write("legacy.yml", LEGACY);
        Path binary = Files.write(dir.resolve("binary.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Result result = ValidateCommandTest.run("migrate", "--write", binary.toString(), dir.resolve("missing.yml").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(binary.toString(), "missing.yml");
        assertThat(Files.readString(legacy)).isEqualTo(LEGACY);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList())
                .isEqualTo(List.of("binary.yml", "legacy.yml")); // no temporary file left
    }

    @Test
    void aFileTooLargeToBeAFlowIsSaidAndLeftAlone() throws IOException {
        Path huge = dir.resolve("huge.yml");
        Files.write(huge, new byte[17 * 1024 * 1024]);
        Result result = ValidateCommandTest.run("migrate", "--write", huge.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("huge.yml", "MB");
        assertThat(Files.size(huge)).isEqualTo(17L * 1024 * 1024);
    }

    @Test
    void textThatIsNotYamlIsLeftAsItIsWithWhereItBreaks() throws IOException {
        Path broken = write("broken.yml", "id: broken\ntasks: [\n");
        Result result = ValidateCommandTest.run("migrate", "--write", broken.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains(broken + ":", "YAML");
        assertThat(Files.readString(broken)).isEqualTo("id: broken\ntasks: [\n");
    }

    @Test
    void checkAndWriteTogetherAreRefused() throws IOException {
        Path legacy = write("legacy.yml", LEGACY);
        Result result = ValidateCommandTest.run("migrate", "--check", "--write", legacy.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--check and --write cannot go together");
        assertThat(Files.readString(legacy)).isEqualTo(LEGACY);
    }
}
