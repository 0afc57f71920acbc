package dev.flowbench.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kestra.core.docs.JsonSchemaCache;
import io.kestra.core.docs.SchemaType;
import io.kestra.core.plugins.DefaultPluginRegistry;
import io.micronaut.context.ApplicationContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Asks Kestra's own classes for the flow schema its server serves as {@code GET /api/v1/plugins/schemas/flow},
 * with the plugin jars of a folder registered as a Kestra server registers its plugins, and writes it as JSON.
 *
 * <p>Usage: {@code KestraSchemaGenerator PLUGINS_DIR OUT_FILE}.
 */
public final class KestraSchemaGenerator {

    private KestraSchemaGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KestraSchemaGenerator PLUGINS_DIR OUT_FILE");
            System.exit(64);
        }
        Path plugins = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        DefaultPluginRegistry.getOrCreate().registerIfAbsent(plugins);
        Path storage = Files.createTempDirectory("kestra-schema");
        Map<String, Object> settings = Map.of(
                "kestra.repository.type", "memory",
                "kestra.queue.type", "memory",
                "kestra.storage.type", "local",
                "kestra.storage.local.base-path", storage.toString(),
                "kestra.anonymous-usage-report.enabled", false,
                "kestra.plugins.auto-install.enabled", false,
                "kestra.encryption.secret-key", "schema-generation-only-not-a-key",
                "micronaut.server.port", -1);
        try (ApplicationContext context = ApplicationContext.builder(KestraSchemaGenerator.class)
                .deduceEnvironment(false).properties(settings).start()) {
            Map<String, Object> schema = context.getBean(JsonSchemaCache.class).getSchemaForType(SchemaType.FLOW, false);
            // sorted keys, so that regenerating for a newer Kestra gives a readable diff
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            Path partial = out.resolveSibling(out.getFileName() + ".part");
            json.writeValue(partial.toFile(), sorted(schema));
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String version = kestraVersion();
        Files.writeString(out.resolveSibling("kestra.properties"), "# written by tools/kestra-schema/generate\n"
                + "kestra.version=" + version + "\n");
        System.out.println("Kestra " + version + ": wrote " + out);
        System.exit(0);
    }

    /**
     * Keys sorted, and the alternatives of an {@code anyOf} in the order of what they refer to: Kestra lists
     * plugins in the order its scan found them, which changes from one run to the next.
     */
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
            if (copy.get("anyOf") instanceof java.util.List<?> choices) {
                copy.put("anyOf", choices.stream().sorted(java.util.Comparator.comparing(String::valueOf)).toList());
            }
            return copy;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(KestraSchemaGenerator::sorted).toList();
        }
        return value;
    }

    private static String kestraVersion() throws Exception {
        try (InputStream in = io.kestra.core.models.flows.Flow.class.getClassLoader().getResourceAsStream("gradle.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "?");
        }
    }
}
