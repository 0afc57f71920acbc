package dev.flowbench.flow.migrate;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.FlowEdits;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.edit.TextEdit;
import dev.flowbench.flow.pebble.Expressions;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** What the rules find in one version of a flow's text, and the means they share to say it. */
final class Findings {

    final FlowEdits edits;
    final YamlMap root;
    final List<TaskRef> tasks;
    final FlowSchema schema;
    private final String text;
    private final List<Rewrite> rewrites = new ArrayList<>();
    private final List<ManualChange> manual = new ArrayList<>();

    Findings(FlowEdits edits, YamlMap root, FlowSchema schema) {
        this.edits = edits;
        this.root = root;
        this.tasks = TaskRef.all(root);
        this.schema = schema;
        this.text = edits.text();
    }

    MigrationPlan plan() {
        return new MigrationPlan(text, rewrites, manual);
    }

    /** A rewrite made of {@code steps}, all computed on this text; any step refused makes it a manual change. */
    void offer(String title, SourceRange at, List<EditResult> steps) {
        List<TextEdit> places = new ArrayList<>();
        for (EditResult step : steps) {
            if (step instanceof EditResult.Refused refused) {
                manual(at, title + ": Flowbench cannot do it here (" + refused.reason() + ")");
                return;
            }
            TextEdit edit = ((EditResult.Applied) step).edit();
            if (edit.start() != edit.end() || !edit.text().isEmpty()) {
                places.add(edit);
            }
        }
        if (places.isEmpty()) {
            return;
        }
        EditResult all = edits.replaceAll(places);
        if (all instanceof EditResult.Applied applied) {
            rewrites.add(new Rewrite(title, at, places, applied.edit()));
        } else {
            manual(at, title + ": Flowbench cannot do it here (" + ((EditResult.Refused) all).reason() + ")");
        }
    }

    void manual(SourceRange at, String message) {
        manual.add(new ManualChange(at, message));
    }

    /** A type's current name: its Kestra 2 name when it is a 1.x alias. */
    String canonical(String type) {
        return schema.aliases().getOrDefault(type, type);
    }

    /** Every scalar under a node (nested tasks included). */
    static List<YamlScalar> allScalars(YamlNode node) {
        List<YamlScalar> found = new ArrayList<>();
        collectAll(node, found);
        return found;
    }

    private static void collectAll(YamlNode node, List<YamlScalar> found) {
        if (node instanceof YamlScalar scalar) {
            found.add(scalar);
        } else if (node instanceof YamlList list) {
            list.items().forEach(item -> collectAll(item, found));
        } else if (node instanceof YamlMap map) {
            map.entries().values().forEach(entry -> collectAll(entry.value(), found));
        }
    }

    /** The scalar's text as written (quotes included). */
    String written(YamlScalar scalar) {
        return text.substring(scalar.range().start().offset(), Math.max(scalar.range().start().offset(), scalar.range().end().offset()));
    }

    /**
     * The edit that applies {@code rule} to the Pebble expressions ({@code {{ }}}, {@code {% %}}) written in a
     * scalar, or null when it changes nothing; the text around the expressions is never touched.
     */
    TextEdit inExpressions(YamlScalar scalar, UnaryOperator<String> rule) {
        String before = written(scalar);
        String after = Expressions.rewrite(before, rule);
        return after.equals(before) ? null
                : new TextEdit(scalar.range().start().offset(), scalar.range().start().offset() + before.length(), after);
    }
}
