package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.Flow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputResolverTest {

    private static final Flow FLOW = EngineFixture.flow("""
            id: inputs
            namespace: test
            inputs:
              - id: name
                type: STRING
              - id: count
                type: INT
                defaults: 2
              - id: ratio
                type: FLOAT
                required: false
              - id: loud
                type: BOOL
                defaults: false
              - id: color
                type: SELECT
                values: [red, green]
                defaults: red
              - id: wait
                type: DURATION
                defaults: PT1M
              - id: payload
                type: JSON
                defaults: '{"a": [1, 2]}'
              - id: tags
                type: MULTISELECT
                values: [a, b, c]
                required: false
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.name }}"
            """);

    @Test
    void valuesAreTypedAndDefaultsApplied() {
        InputResolver.Resolved resolved = InputResolver.resolve(FLOW.inputs(),
                Map.of("name", "Ada", "loud", "TRUE", "tags", "a, c", "ratio", "0.5"));
        assertThat(resolved.errors()).isEmpty();
        assertThat(resolved.values()).containsEntry("name", "Ada").containsEntry("count", 2L)
                .containsEntry("ratio", 0.5).containsEntry("loud", true).containsEntry("color", "red")
                .containsEntry("wait", Duration.ofMinutes(1)).containsEntry("payload", Map.of("a", List.of(1, 2)))
                .containsEntry("tags", List.of("a", "c"));
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        InputResolver.Resolved resolved = InputResolver.resolve(FLOW.inputs(),
                Map.of("count", "two", "color", "blue", "wait", "1 minute", "loud", "yes", "nope", "x"));
        assertThat(resolved.errors()).containsExactlyInAnyOrder(
                "input 'name' (STRING) is required",
                "input 'count': 'two' is not an integer",
                "input 'loud': 'yes' is not true or false",
                "input 'color': 'blue' is not one of red, green",
                "input 'wait': '1 minute' is not an ISO-8601 duration such as PT5M",
                "the flow has no input 'nope'; its inputs are name, count, ratio, loud, color, wait, payload, tags");
    }
}
