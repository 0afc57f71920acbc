package dev.flowbench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kestra's output protocol: a stdout line {@code ::{"outputs": {...}}::} sets outputs, {@code "metrics"}
 * records metrics and {@code "logs"} logs. Such lines are not log lines themselves.
 */
public final class OutputProtocol {

    private static final Pattern LINE = Pattern.compile("^::(\\{.*})::$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one protocol line carried. */
    public record Message(Map<String, Object> outputs, List<Metric> metrics, List<Log> logs) {
    }

    public record Metric(String name, String type, double value, Map<String, String> tags) {
    }

    public record Log(LogLevel level, String message) {
    }

    private OutputProtocol() {
    }

    /** Whether {@code line} begins as a protocol line does ({@code ::{} after blanks). */
    public static boolean beginsAsProtocol(String line) {
        return mayBeProtocol(line);
    }

    private static boolean mayBeProtocol(String line) {
        int first = 0;
        while (first < line.length() && Character.isWhitespace(line.charAt(first))) {
            first++;
        }
        return line.startsWith("::{", first);
    }

    /** The message of a protocol line, or empty for an ordinary line (or malformed JSON, kept as a log line). */
    @SuppressWarnings("unchecked")
    public static Optional<Message> parse(String line) {
        if (!mayBeProtocol(line)) {
            return Optional.empty(); // most lines: no regex, no allocation
        }
        Matcher matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(matcher.group(1));
        } catch (Exception e) {
            return Optional.empty();
        }
        Map<String, Object> outputs = root.path("outputs").isObject()
                ? JSON.convertValue(root.get("outputs"), LinkedHashMap.class) : Map.of();
        List<Metric> metrics = new ArrayList<>();
        for (JsonNode metric : root.path("metrics")) {
            Map<String, String> tags = new LinkedHashMap<>();
            metric.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            metrics.add(new Metric(metric.path("name").asText(), metric.path("type").asText("counter"),
                    metric.path("value").asDouble(), tags));
        }
        List<Log> logs = new ArrayList<>();
        for (JsonNode log : root.path("logs")) {
            logs.add(new Log(LogLevel.parse(log.path("level").asText()).orElse(LogLevel.INFO), log.path("message").asText()));
        }
        return Optional.of(new Message(outputs, metrics, logs));
    }
}
