package dev.flowbench.engine.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.flow.LabelsTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds its labels to the execution's, for the expressions of the tasks after it ({@code labels.KEY}). As Kestra 2.0
 * (kestra-oracle): a value that is not text is written as JSON ({@code {"name":"done"}}), a number as its digits; a
 * label with an empty key is left out; an empty value fails the task.
 */
public final class LabelsHandler implements TaskHandler<LabelsTask> {

    @Override
    public TaskOutcome run(LabelsTask task, TaskContext context) throws JsonProcessingException {
        Object rendered = Rendered.of(task.labels(), context);
        if (rendered instanceof String text) {
            try {
                rendered = JsonValues.mapper().readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                return TaskOutcome.failed("`labels` is text that is not a JSON object: " + e.getOriginalMessage());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (rendered instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                labels.put(String.valueOf(entry.getKey()), text(entry.getValue()));
            }
        } else if (rendered instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> pair) || !pair.containsKey("key")) {
                    return TaskOutcome.failed("each label of the list needs a `key` and a `value`");
                }
                labels.put(String.valueOf(pair.get("key")), text(pair.get("value")));
            }
        } else {
            return TaskOutcome.failed("`labels` must be a map, a list of {key, value} or a JSON object");
        }
        labels.remove("");
        List<String> empty = labels.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (!empty.isEmpty()) {
            return TaskOutcome.failed("Label values cannot be empty, offending label: " + String.join(", ", empty)); // Kestra's words
        }
        context.addLabels(labels);
        return TaskOutcome.success(Map.of());
    }

    private static String text(Object value) throws JsonProcessingException {
        if (value == null) {
            return "";
        }
        return value instanceof String text ? text : value instanceof Map || value instanceof List
                ? JsonValues.mapper().writeValueAsString(value) : String.valueOf(value);
    }
}
