package dev.flowbench.ui.editor;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.KestraCoreTypes;
import dev.flowbench.flow.SchemaWalk;
import java.util.Optional;

/** The documentation shown when the mouse rests on a property name or a task type, from the flow schema. */
final class HoverDocs {

    private SchemaWalk walk; // read on first hover: Kestra's schema takes a second to load

    private SchemaWalk walk() {
        if (walk == null) {
            walk = new SchemaWalk(FlowSchema.get());
        }
        return walk;
    }

    /** What to show for the text at {@code offset} (UTF-16), if anything. */
    Optional<String> at(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset < lineStart) {
            return Optional.empty();
        }
        int lineEnd = text.indexOf('\n', lineStart);
        String lineText = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        YamlOutline.Line line = YamlOutline.parse(lineText);
        if (!line.hasKey()) {
            return Optional.empty();
        }
        int column = offset - lineStart;
        int keyEnd = line.keyColumn() + line.key().length();
        YamlOutline outline = new YamlOutline(text);
        int lineIndex = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        YamlOutline.Place place = outline.placeAt(lineIndex, line.keyColumn(), line.startsItem());
        if (column >= line.keyColumn() && column <= keyEnd) {
            return walk().describe(place.path(), line.key()).map(doc -> line.key() + ": " + doc);
        }
        if ("type".equals(line.key()) && column > keyEnd && !line.value().isEmpty()) {
            String type = line.value().replaceAll("^[\"']|[\"']$", "");
            return walk().describeType(type).map(doc -> type + "\n" + doc)
                    .or(() -> KestraCoreTypes.kind(type).map(kind -> type + "\nA Kestra core " + kind.name().toLowerCase()
                            + " type. Flowbench checks it but does not run it."));
        }
        return Optional.empty();
    }
}
