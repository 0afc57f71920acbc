package dev.flowbench.flow.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The same flows checked for Kestra 2 (the default) and for the 1.3 LTS. */
class KestraVersionTest {

    private static final String LOOP = """
            id: loop
            namespace: company.team
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.Loop
                values: [a, b]
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ item.value }}"
            """;

    @Test
    void whatKestra2RemovedIsValidForKestra13() throws IOException {
        String text = corpus("kestra2_removed.yml");
        LoadedFlow forKestra2 = new FlowValidator().validate(text);
        assertThat(forKestra2.problems()).filteredOn(p -> p.code().equals(KestraVersionCheck.REMOVED)).hasSize(9);
        LoadedFlow forKestra13 = new FlowValidator(KestraVersion.KESTRA_1_3).validate(text);
        assertThat(forKestra13.problems()).as(String.valueOf(forKestra13.problems())).noneMatch(Problem::isError);
        assertThat(forKestra13.problems()).extracting(Problem::code).contains("deprecated", "unknown-type");
    }

    @Test
    void aTaskOfALoopReadAfterItIsAWarningForKestra2SayingWhatToWriteAndFineFor13() {
        String text = """
                id: after
                namespace: company.team
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.ForEach
                    values: [a, b]
                    tasks:
                      - id: in
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ taskrun.value }}"
                      - id: same
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ outputs.in.value }}"
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs['in']['a'].value }}"
                """;
        assertThat(new FlowValidator().validate(text).problems()).filteredOn(p -> p.code().equals(LoopOutputsCheck.CODE))
                .singleElement().satisfies(p -> {
                    assertThat(p.isError()).isFalse();
                    assertThat(p.line()).isEqualTo(16);
                    assertThat(p.message()).contains("outputs.in is read after Loop each", "loopOutputs(outputs.each.outputs, 'id')");
                });
        assertThat(new FlowValidator(KestraVersion.KESTRA_1_3).validate(text).problems())
                .noneMatch(p -> p.code().equals(LoopOutputsCheck.CODE));
    }

    @Test
    void propertiesKestra2AddedAreErrorsForKestra13() {
        String text = """
                id: triggered
                namespace: company.team
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                triggers:
                  - id: after
                    type: io.kestra.plugin.core.trigger.Flow
                    dependsOn:
                      - namespace: company.team
                        flowId: upstream
                    when: "{{ true }}"
                """;
        assertThat(new FlowValidator().validate(text).problems()).noneMatch(Problem::isError);
        assertThat(new FlowValidator(KestraVersion.KESTRA_1_3).validate(text).problems())
                .filteredOn(p -> p.code().equals(KestraVersionCheck.NEW))
                .extracting(Problem::line, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10, "'dependsOn' is new in Kestra 2.0: Kestra 1.3 does not read it (this workspace checks flows for Kestra 1.3)"),
                        org.assertj.core.groups.Tuple.tuple(13, "'when' is new in Kestra 2.0: Kestra 1.3 does not read it (this workspace checks flows for Kestra 1.3)"));
    }

    @Test
    void whatKestra2AddedIsAnErrorForKestra13() {
        assertThat(new FlowValidator().validate(LOOP).problems()).noneMatch(Problem::isError);
        assertThat(new FlowValidator(KestraVersion.KESTRA_1_3).validate(LOOP).problems())
                .anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(KestraVersionCheck.NEW);
                    assertThat(p.message()).contains("Loop is new in Kestra 2.0");
                    assertThat(p.range().start().line()).isEqualTo(5);
                });
    }

    @Test
    void aRemovedConstructNamesItsReplacementLinksTheGuideAndOffersTheNewNameWhereARenameIsEnough() throws IOException {
        LoadedFlow loaded = new FlowValidator().validate(corpus("kestra2_removed.yml"));
        assertThat(loaded.problems()).filteredOn(p -> p.message().startsWith("ForEach")).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("io.kestra.plugin.core.flow.Loop", "item.value",
                    "https://kestra.io/docs/migration-guide/v2.0.0/foreach-loop");
            assertThat(p.suggestion()).as("renaming the type alone would leave taskrun.value behind").isNull();
        });
        assertThat(loaded.problems()).filteredOn(p -> p.message().startsWith("input type BOOLEAN")).singleElement()
                .satisfies(p -> assertThat(p.suggestion()).isEqualTo("BOOL"));
        assertThat(loaded.problems()).filteredOn(p -> p.message().startsWith("'io.kestra.core.tasks.log.Log'")).singleElement()
                .satisfies(p -> assertThat(p.suggestion()).isEqualTo("io.kestra.plugin.core.log.Log"));
    }

    @Test
    void aRemovedFunctionOrFilterIsFixedByWritingItsNewNameInItsPlace() {
        String flow = """
                id: json
                namespace: company.team
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: '{{ json("[1]") }} {{ outputs | json }}'
                """;
        String text = flow;
        for (int round = 0; round < 2; round++) {
            Problem removed = new FlowValidator().validate(text).problems().stream()
                    .filter(p -> p.code().startsWith("removed-")).findFirst().orElseThrow();
            assertThat(removed.suggestion()).isIn("fromJson(", "| toJson");
            text = text.substring(0, removed.range().start().offset()) + removed.suggestion()
                    + text.substring(removed.range().end().offset());
        }
        assertThat(text).contains("{{ fromJson(\"[1]\") }} {{ outputs | toJson }}");
        assertThat(new FlowValidator().validate(text).problems()).noneMatch(p -> p.code().startsWith("removed-"));
    }

    @Test
    void versionsAreReadAsUsersWriteThem() {
        assertThat(KestraVersion.parse("2")).hasValue(KestraVersion.KESTRA_2);
        assertThat(KestraVersion.parse("2.1")).hasValue(KestraVersion.KESTRA_2);
        assertThat(KestraVersion.parse("1.3.34")).hasValue(KestraVersion.KESTRA_1_3);
        assertThat(KestraVersion.parse("1.2")).isEmpty();
        assertThat(KestraVersion.parse("banana")).isEmpty();
    }

    private static String corpus(String name) throws IOException {
        try (InputStream in = KestraVersionTest.class.getResourceAsStream("/corpus/invalid/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
