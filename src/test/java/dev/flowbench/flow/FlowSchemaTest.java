package dev.flowbench.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowSchemaTest {

    private final FlowSchema schema = FlowSchema.get();

    @Test
    void aMapChosenByItsTypeTakesThatChoicesPropertiesAndNoOthers() {
        String flow = """
                id: purge
                namespace: company.team
                tasks:
                  - id: purge
                    type: io.kestra.plugin.core.kv.PurgeKV
                    behavior:
                      type: key
                      expiredOnly: false
                """;
        // kestra-oracle validate (Kestra 2.0): valid
        var checker = new dev.flowbench.flow.check.FlowValidator();
        assertThat(checker.validate(flow).problems()).noneMatch(Problem::isError);
        assertThat(checker.validate(flow.replace("expiredOnly", "keepAmount")).problems()).filteredOn(Problem::isError)
                .singleElement().satisfies(p -> assertThat(p.message()).contains("keepAmount"));
    }

    @Test
    void kestrasSchemaDescribesEveryCoreTaskAndEveryScriptTaskAndFlowbenchKnowsWhichItRuns() {
        List<String> runnable = List.of(TaskTypes.WORKING_DIRECTORY, TaskTypes.LOG, TaskTypes.RETURN, TaskTypes.LOCAL_FILES);
        assertThat(schema.kestraVersion()).isEqualTo("2.0.0");
        assertThat(schema.taskTypes()).containsAll(runnable).contains("io.kestra.plugin.core.flow.Loop",
                "io.kestra.plugin.core.flow.If", "io.kestra.plugin.core.flow.Switch", "io.kestra.plugin.core.flow.Subflow",
                "io.kestra.plugin.core.flow.Parallel", "io.kestra.plugin.core.kv.Set", "io.kestra.plugin.core.http.Request");
        assertThat(schema.taskTypes()).doesNotContain("io.kestra.plugin.core.flow.ForEach", "io.kestra.plugin.core.debug.Echo");
        assertThat(schema.triggerTypes()).contains("io.kestra.plugin.core.trigger.Schedule", "io.kestra.plugin.core.trigger.Flow");
        for (ScriptLanguage language : ScriptLanguage.values()) {
            for (ScriptTask.Form form : ScriptTask.Form.values()) {
                assertThat(schema.taskTypes()).contains(TaskTypes.script(language, form));
                assertThat(schema.runsHere()).contains(TaskTypes.script(language, form));
            }
        }
        assertThat(schema.runsHere()).containsAll(runnable).contains(TaskTypes.LOOP)
                .contains(TaskTypes.LOOP_UNTIL, "io.kestra.plugin.core.kv.Set")
                .contains("io.kestra.plugin.core.http.Request", "io.kestra.plugin.core.storage.Write")
                .doesNotContain("io.kestra.plugin.core.storage.DeduplicateItems", "io.kestra.plugin.core.flow.Template");
    }

    @Test
    void everyTypeHasKestrasDocumentationAndTheMainPropertiesToo() {
        for (String type : schema.taskTypes()) {
            assertThat(schema.description(type, null)).as(type).isPresent();
        }
        assertThat(schema.description(TaskTypes.script(ScriptLanguage.SHELL, ScriptTask.Form.COMMANDS), "commands"))
                .hasValueSatisfying(doc -> assertThat(doc).contains("Shell commands"));
        assertThat(schema.description(TaskTypes.LOG, "message")).isPresent();
        assertThat(schema.description("io.kestra.plugin.core.flow.Loop", "values")).isPresent();
        assertThat(schema.description("io.kestra.plugin.core.flow.Loop", null))
                .hasValueSatisfying(doc -> assertThat(doc).contains("item.value").doesNotContain("##### Examples"));
    }

    @Test
    void flowbenchsNotesAreLaidOverKestrasWords() {
        assertThat(schema.description(TaskTypes.script(ScriptLanguage.PYTHON, ScriptTask.Form.SCRIPT), "taskRunner"))
                .hasValueSatisfying(doc -> assertThat(doc).contains("task runner").contains("host processes"));
        assertThat(schema.description(TaskTypes.WORKING_DIRECTORY, "cache"))
                .hasValueSatisfying(doc -> assertThat(doc).contains("Cache configuration").contains("ttl"));
    }

    @Test
    void propertiesAreKestrasForKnownTypesAndWhatEveryTaskHasForOthers() {
        assertThat(schema.propertiesOf(TaskTypes.script(ScriptLanguage.NODE, ScriptTask.Form.SCRIPT)))
                .contains("id", "type", "timeout", "beforeCommands", "taskRunner", "script", "taskCache")
                .doesNotContain("commands");
        assertThat(schema.propertiesOf(FlowSchema.GENERIC_TASK)).contains("id", "type", "description", "timeout",
                "retry", "runIf", "allowFailure", "disabled").doesNotContain("commands", "values");
    }

    @Test
    void olderTypeNamesResolveToTheCurrentOnes() {
        assertThat(schema.canonicalType("io.kestra.core.tasks.flows.WorkingDirectory")).hasValue(TaskTypes.WORKING_DIRECTORY);
        assertThat(schema.canonicalType("io.kestra.core.tasks.log.Log")).hasValue(TaskTypes.LOG);
        assertThat(schema.canonicalType("io.kestra.plugin.core.flow.WaitFor")).as("an alias Kestra 2 keeps")
                .hasValue("io.kestra.plugin.core.flow.LoopUntil");
        assertThat(schema.isKestraAlias("io.kestra.plugin.core.flow.WaitFor")).isTrue();
        assertThat(schema.canonicalType("io.kestra.plugin.jdbc.postgresql.Query")).isEmpty();
    }
}
