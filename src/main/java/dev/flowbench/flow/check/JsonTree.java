package dev.flowbench.flow.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import dev.flowbench.flow.yaml.YamlValues;
import java.math.BigInteger;

/** The bridge between our positioned YAML tree and the JSON tree the schema validator reads. */
final class JsonTree {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonTree() {
    }

    static JsonNode of(YamlNode node) {
        if (node instanceof YamlMap map) {
            ObjectNode object = JSON.objectNode();
            map.entries().forEach((key, entry) -> object.set(key, of(entry.value())));
            return object;
        }
        if (node instanceof YamlList list) {
            ArrayNode array = JSON.arrayNode(list.size());
            list.items().forEach(item -> array.add(of(item)));
            return array;
        }
        YamlScalar scalar = (YamlScalar) node;
        Object value = YamlValues.toJava(scalar);
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return JSON.numberNode(big);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? JSON.textNode(scalar.value()) : JSON.numberNode(d);
        }
        return JSON.textNode(value.toString());
    }

    /** The node a validator's instance location points at, relative to {@code root}: as deep as it resolves. */
    static YamlNode find(YamlNode root, JsonNodePath path) {
        YamlNode node = root;
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            YamlNode next = null;
            if (node instanceof YamlMap map && element instanceof String key) {
                next = map.get(key).orElse(null);
            } else if (node instanceof YamlList list && element instanceof Integer index && index < list.size()) {
                next = list.get(index);
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }

    /** The key under which the located node sits in its parent map, or null for the root or list items. */
    static String lastKey(JsonNodePath path) {
        int count = path.getNameCount();
        return count > 0 && path.getElement(count - 1) instanceof String key ? key : null;
    }

}
