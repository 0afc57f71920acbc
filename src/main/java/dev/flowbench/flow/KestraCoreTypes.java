package dev.flowbench.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The types of Kestra's own core plugins ({@code kestra-core-types.txt}, read from Kestra's source), so that a type
 * under Kestra's core packages that does not exist there is an error rather than "a plugin Flowbench cannot run",
 * and so that Kestra's rule "only runnable tasks in a WorkingDirectory" can be checked.
 */
public final class KestraCoreTypes {

    public enum Kind { RUNNABLE, FLOWABLE, TRIGGER, CONDITION, RUNNER }

    private static final String[] CORE_PACKAGES = {"io.kestra.plugin.core.", "io.kestra.core."};
    private static final Map<String, Kind> TYPES = load();

    private KestraCoreTypes() {
    }

    /** True for a type under Kestra's core packages, where every type is known. */
    public static boolean isCorePackage(String type) {
        for (String prefix : CORE_PACKAGES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public static Optional<Kind> kind(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    public static Set<String> all() {
        return Collections.unmodifiableSet(TYPES.keySet());
    }

    private static Map<String, Kind> load() {
        Map<String, Kind> types = new LinkedHashMap<>();
        try (InputStream in = KestraCoreTypes.class.getResourceAsStream("kestra-core-types.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                types.put(parts[1], Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }
}
