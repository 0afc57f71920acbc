package dev.flowbench.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowSchemaTest {

    private final FlowSchema schema = FlowSchema.get();

    @Test
    void everyTypeFlowbenchRunsIsDescribed() {
        List<String> runnable = List.of(TaskTypes.WORKING_DIRECTORY, TaskTypes.LOG, TaskTypes.RETURN, TaskTypes.LOCAL_FILES);
        assertThat(schema.taskTypes()).containsAll(runnable);
        for (ScriptLanguage language : ScriptLanguage.values()) {
            for (ScriptTask.Form form : ScriptTask.Form.values()) {
                assertThat(schema.taskTypes()).contains(TaskTypes.script(language, form));
            }
        }
        assertThat(schema.taskTypes()).hasSize(runnable.size() + ScriptLanguage.values().length * 2);
    }

    @Test
    void everyTypeAndItsOwnPropertiesHaveDocumentation() {
        for (String type : schema.taskTypes()) {
            assertThat(schema.description(type, null)).as(type).isPresent();
            for (String property : schema.propertiesOf(type)) {
                assertThat(schema.description(type, property)).as(type + "." + property).isPresent();
            }
        }
    }

    @Test
    void propertiesIncludeInheritedOnes() {
        assertThat(schema.propertiesOf(TaskTypes.script(ScriptLanguage.NODE, ScriptTask.Form.SCRIPT)))
                .contains("id", "type", "timeout", "beforeCommands", "taskRunner", "script")
                .doesNotContain("commands");
        assertThat(schema.description(TaskTypes.WORKING_DIRECTORY, "cache")).hasValueSatisfying(d -> assertThat(d).contains("ttl"));
    }

    @Test
    void olderTypeNamesResolveToTheCurrentOnes() {
        assertThat(schema.canonicalType("io.kestra.core.tasks.flows.WorkingDirectory")).hasValue(TaskTypes.WORKING_DIRECTORY);
        assertThat(schema.canonicalType("io.kestra.core.tasks.log.Log")).hasValue(TaskTypes.LOG);
        assertThat(schema.canonicalType("io.kestra.plugin.core.http.Request")).isEmpty();
    }
}
