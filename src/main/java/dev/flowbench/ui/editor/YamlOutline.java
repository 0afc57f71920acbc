package dev.flowbench.ui.editor;

import dev.flowbench.flow.SchemaWalk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a place in a flow's text sits in the YAML, read from indentation alone, so that it works while the text
 * is half typed and does not parse: the keys from the root down to the map there, with the {@code type} of each
 * list item on the way (a task's type decides its properties), and the keys that map already has.
 */
final class YamlOutline {

    /** One line as far as structure goes: list dashes, the key and its column, the value after the colon. */
    record Line(int firstColumn, List<Integer> dashes, int keyColumn, String key, String value, boolean empty) {

        boolean hasKey() {
            return key != null;
        }

        /** True when a "- " comes right before the key: the line starts a list item whose map holds that key. */
        boolean startsItem() {
            return hasKey() && !dashes.isEmpty() && dashes.get(dashes.size() - 1) == keyColumn - 2;
        }

        boolean hasDashAt(int column) {
            return dashes.contains(column);
        }
    }

    /** The map at a place: its path from the root, the keys it has, and its {@code type} value if it has one. */
    record Place(List<SchemaWalk.Step> path, Set<String> keys, String type) {
    }

    private final List<Line> lines;

    YamlOutline(String text) {
        this.lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(parse(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
        }
    }

    Line line(int index) {
        return lines.get(index);
    }

    int lineCount() {
        return lines.size();
    }

    static Line parse(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        int first = at;
        if (at == line.length() || line.charAt(at) == '#') {
            return new Line(first, List.of(), -1, null, null, true);
        }
        List<Integer> dashes = new ArrayList<>();
        while (at < line.length() && line.charAt(at) == '-' && (at + 1 == line.length() || line.charAt(at + 1) == ' ')) {
            dashes.add(at);
            at++;
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
        }
        int colon = keyColon(line, at);
        if (colon < 0) {
            return new Line(first, dashes, -1, null, null, at == line.length());
        }
        String key = line.substring(at, colon).strip().replaceAll("^[\"']|[\"']$", "");
        String value = line.substring(colon + 1);
        int hash = value.indexOf(" #");
        value = (hash >= 0 ? value.substring(0, hash) : value).strip();
        return new Line(first, dashes, at, key, value, false);
    }

    /** The colon ending a key that starts at {@code from} ("key:" then a space or the end), or -1. */
    private static int keyColon(String line, int from) {
        if (from < line.length() && "[{|>#&*!%@`".indexOf(line.charAt(from)) >= 0) {
            return -1; // a flow collection, a block scalar, an anchor...: no key here
        }
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' && i > from && line.charAt(i - 1) == ' ') {
                return -1;
            }
            if (c == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The map whose keys sit at {@code column} on line {@code index} (the line may be blank: the caret is there);
     * {@code startsItem} when a "- " right before the column makes that line the start of a list item.
     */
    Place placeAt(int index, int column, boolean startsItem) {
        Deque<SchemaWalk.Step> path = new ArrayDeque<>();
        MapSpan innermost = null;
        int target = column;
        int at = index;
        boolean item = startsItem;
        while (true) {
            MapSpan map = mapAt(at, target, item);
            if (innermost == null) {
                innermost = map;
            }
            int ownerIndex;
            if (map.item) {
                path.addFirst(SchemaWalk.Step.item(map.type));
                ownerIndex = listOwner(map.start - 1, target - 2);
            } else {
                if (target == 0) {
                    break;
                }
                ownerIndex = previousContent(map.start - 1);
            }
            if (ownerIndex < 0 || !lines.get(ownerIndex).hasKey() || lines.get(ownerIndex).keyColumn() >= target) {
                break;
            }
            Line owner = lines.get(ownerIndex);
            path.addFirst(SchemaWalk.Step.key(owner.key()));
            target = owner.keyColumn();
            at = ownerIndex;
            item = owner.startsItem();
        }
        return new Place(List.copyOf(path), innermost.keys, innermost.type);
    }

    /** A map's extent around a line: where it starts, whether it is a list item, its keys and type. */
    private static final class MapSpan {
        int start;
        boolean item;
        String type;
        final Set<String> keys = new LinkedHashSet<>();
    }

    private MapSpan mapAt(int index, int column, boolean startsItem) {
        MapSpan map = new MapSpan();
        map.start = index;
        note(map, index, column);
        if (startsItem) {
            map.item = true;
        } else {
            for (int i = index - 1; i >= 0; i--) {
                Line line = lines.get(i);
                if (line.empty() || line.firstColumn() > column) {
                    continue;
                }
                if (line.hasKey() && line.keyColumn() == column) {
                    note(map, i, column);
                    map.start = i;
                    if (line.startsItem()) {
                        map.item = true;
                        break;
                    }
                    continue;
                }
                break;
            }
        }
        for (int i = index + 1; i < lines.size(); i++) { // keys below, up to the next item or the map's end
            Line line = lines.get(i);
            if (line.empty() || line.firstColumn() > column) {
                continue;
            }
            if (line.hasKey() && line.keyColumn() == column && !line.startsItem()) {
                note(map, i, column);
                continue;
            }
            break;
        }
        return map;
    }

    private void note(MapSpan map, int index, int column) {
        Line line = lines.get(index);
        if (line.hasKey() && line.keyColumn() == column) {
            map.keys.add(line.key());
            if ("type".equals(line.key()) && !line.value().isEmpty()) {
                map.type = line.value().replaceAll("^[\"']|[\"']$", "");
            }
        }
    }

    /** The key that owns a list whose items have their dash at {@code dashColumn}, searching up from {@code from}. */
    private int listOwner(int from, int dashColumn) {
        for (int i = from; i >= 0; i--) {
            Line line = lines.get(i);
            if (line.empty() || line.firstColumn() > dashColumn || line.hasDashAt(dashColumn)) {
                continue; // another item of the same list, or inside one
            }
            return line.hasKey() && line.keyColumn() <= dashColumn && line.value().isEmpty() ? i : -1;
        }
        return -1;
    }

    private int previousContent(int from) {
        for (int i = from; i >= 0; i--) {
            if (!lines.get(i).empty()) {
                return i;
            }
        }
        return -1;
    }
}
