package dev.flowbench.ui.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the history keeps as JSON, read back: a past execution's inputs in the text form a run is given them, a
 * task's output files.
 */
final class PastInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PastInputs() {
    }

    /** The {@code outputFiles} of a task's outputs (name to stored path); none when absent or unreadable. */
    static Map<String, String> outputFiles(String outputsJson) {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            JsonNode node = outputsJson == null ? null : JSON.readTree(outputsJson).get("outputFiles");
            if (node != null && node.isObject()) {
                node.fields().forEachRemaining(field -> files.put(field.getKey(), field.getValue().asText()));
            }
        } catch (IOException e) {
            return Map.of(); // outputs the history could not keep as JSON: nothing to open
        }
        return files;
    }

    static Map<String, String> of(String json) throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return given;
        }
        JsonNode root = JSON.readTree(json);
        root.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                given.put(field.getKey(), value.isContainerNode() ? value.toString() : value.asText());
            }
        });
        return given;
    }
}
