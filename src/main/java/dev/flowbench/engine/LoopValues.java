package dev.flowbench.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flowbench.engine.tasks.Rendered;
import dev.flowbench.flow.pebble.ExecutionFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A Loop's {@code values} as the iterations it makes, as Kestra 2.0 reads them (kestra-oracle): a list (each element
 * one iteration), a map (each entry one, its key as {@code item.key}), or a text that renders to a JSON array or
 * object, or the uri of an output file, whose Ion values (one per line as Kestra writes rows) are the values. Every value is a text for the tasks: a number as written, an object or a list as compact JSON. A null
 * element, or anything else, fails the Loop before any iteration starts, and so does a list longer than the limit.
 */
final class LoopValues {

    /** One iteration to run: its index (0 first), its value as a text, its key when the values were a map. */
    record Item(int index, String value, String key) {
    }

    private LoopValues() {
    }

    static List<Item> of(Object written, UnaryOperator<String> render, int limit) {
        return of(written, render, limit, null);
    }

    /** As above; a text naming an output file under {@code executionsRoot} is read as that file's Ion values. */
    static List<Item> of(Object written, UnaryOperator<String> render, int limit, Path executionsRoot) {
        Object values = written instanceof String text ? parsed(render.apply(text), executionsRoot, limit)
                : Rendered.of(written, render);
        List<Item> items = new ArrayList<>();
        if (values instanceof List<?> list) {
            checkSize(list.size(), limit);
            for (Object element : list) {
                items.add(new Item(items.size(), text(element, items.size()), null));
            }
        } else if (values instanceof Map<?, ?> map) {
            checkSize(map.size(), limit);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                items.add(new Item(items.size(), text(entry.getValue(), items.size()), String.valueOf(entry.getKey())));
            }
        } else {
            throw new Templates.TemplateError("The `values` must be a list, a map, or an expression that renders to one,"
                    + " but got: " + (values == null ? "nothing" : values instanceof String ? "'" + values + "'" : values) + ".", null);
        }
        return items;
    }

    private static Object parsed(String rendered, Path executionsRoot, int limit) {
        String trimmed = rendered.trim();
        Optional<Path> file = executionsRoot == null ? Optional.empty() : ExecutionFiles.resolve(executionsRoot, trimmed);
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            return IonValues.read(file.get(), limit + 1);
        }
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            try {
                return JsonValues.mapper().readValue(trimmed, Object.class);
            } catch (JsonProcessingException e) {
                throw new Templates.TemplateError("The `values` render to text that is not JSON: " + e.getOriginalMessage(), null);
            }
        }
        return rendered;
    }

    private static void checkSize(int size, int limit) {
        if (size > limit) {
            throw new Templates.TemplateError("The `values` hold " + size + " values, more than the " + limit
                    + " a Loop may run (one iteration each): split them, or loop over batches", null);
        }
    }

    private static String text(Object element, int index) {
        if (element == null) {
            throw new Templates.TemplateError("The `values` hold a null at index " + index + ": every value must be a text,"
                    + " a number, a boolean, a list or an object", null);
        }
        if (element instanceof Map<?, ?> || element instanceof List<?>) {
            return JsonValues.text(element);
        }
        return String.valueOf(element);
    }
}
