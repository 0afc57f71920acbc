package dev.flowbench.ui.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The inputs of a past execution, as the history keeps them (JSON), back in the text form a run is given them. */
final class PastInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PastInputs() {
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
