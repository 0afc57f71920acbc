package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kestra's functions and filters Flowbench renders give what Kestra 2.0 gave for the same flow (kestra-oracle run). */
class KestraFunctionsTest {

    @TempDir
    Path home;

    @Test
    void jsonRenderErrorLogsAndTasksWithStateGiveWhatKestraGave() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: functions
                namespace: oq
                variables:
                  greeting: "hello {{ flow.id }}"
                tasks:
                  - id: json
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ fromJson('{\\"a\\": [1, 2], \\"b\\": \\"x\\"}').a[1] }} {{ {'k': 'v'} | toJson }} {{ [1, 'two'] | toJson }}"
                  - id: rendered
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ render(vars.greeting) }}|{{ renderOnce('{{ 1 + 1 }}') }}"
                  - id: boom
                    type: io.kestra.plugin.core.execution.Fail
                    errorMessage: "it broke"
                    allowFailure: true
                  - id: errors
                    type: io.kestra.plugin.core.debug.Return
                    format: "{% for log in errorLogs() %}{{ log.taskId }}: {{ log.message }};{% endfor %}"
                  - id: states
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ tasksWithState('WARNING') | length }} {{ tasksWithState('SUCCESS') | length }}"
                """);
        assertThat(result.state()).isEqualTo(State.WARNING);
        assertThat(engine.finished("json").outputs()).containsEntry("value", "2 {\"k\":\"v\"} [1,\"two\"]");
        assertThat(engine.finished("rendered").outputs()).containsEntry("value", "hello functions|2");
        assertThat(engine.finished("errors").outputs()).containsEntry("value", "boom: it broke;");
        assertThat(engine.finished("states").outputs()).containsEntry("value", "1 3");
    }

    @Test
    void jqIsJsonAndMapsAndListsPrintedAsJsonGiveWhatKestraGave() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: jq
                namespace: oq
                variables:
                  doc: '{"items": [{"n": 1, "tag": "a"}, {"n": 2, "tag": "b"}], "name": "x"}'
                tasks:
                  - id: jq
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ vars.doc | jq('.items[].n') }}|{{ vars.doc | jq('.name') | first }}|{{ {'a': {'b': 3}} | jq('.a') }}|{{ vars.doc | jq('[.items[] | select(.n > 1) | .tag]') }}"
                  - id: isjson
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ 'value 1' is json }} {{ '{\\"k\\": 1}' is json }} {{ '1' is json }} {{ '[1' is json }}"
                  - id: printed
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ {'n': [1, 2.5, true]} }}|{{ [1, 'two'] }}|{{ outputs.jq }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("jq").outputs()).containsEntry("value", "[1,2]|x|[{\"b\":3}]|[[\"b\"]]");
        assertThat(engine.finished("isjson").outputs()).containsEntry("value", "false true true false");
        assertThat(engine.finished("printed").outputs())
                .containsEntry("value", "{\"n\":[1,2.5,true]}|[1,\"two\"]|{\"value\":\"[1,2]|x|[{\\\"b\\\":3}]|[[\\\"b\\\"]]\"}");
    }

    @Test
    void aRenderThatRendersItselfStopsWithAClearFailure() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: loops
                namespace: oq
                variables:
                  self: "{{ render(vars.self) }}"
                tasks:
                  - id: again
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ render(vars.self) }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("again").message()).contains("its expressions could not be rendered");
    }
}
