package dev.flowbench.flow.form;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SchemaWalk;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.FlowEdits;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Task forms over a flow's text: what a task's form shows ({@link #read}), the text edit a field's new value makes
 * ({@link #edit}: the smallest one, by {@link FlowEdits}), and what a field says of a value before it is written
 * ({@link #check}, {@link #preview}).
 */
public final class TaskForms {

    private static final Pattern TASK_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*");

    private final FlowSchema schema;
    private final TaskFormSchema fields;

    public TaskForms(FlowSchema schema) {
        this.schema = schema;
        this.fields = new TaskFormSchema(schema);
    }

    /** The form of {@code taskId} in the flow as last checked; empty when the text has no such task (or no YAML). */
    public Optional<TaskForm> read(LoadedFlow loaded, String taskId) {
        return read(loaded, FlowEdits.of(loaded), taskId);
    }

    /** The same, with the flow's edits already made from {@code loaded} (one reading of the text for several uses). */
    public Optional<TaskForm> read(LoadedFlow loaded, FlowEdits edits, String taskId) {
        Optional<YamlMap> found = edits.taskMap(taskId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlMap task = found.get();
        String type = task.string("type").orElse("");
        boolean known = schema.canonicalType(type).isPresent();
        List<FormField> specs = new ArrayList<>(fields.fieldsOf(type));
        if (!known) {
            specs.addAll(otherKeys(task, specs));
        }
        int[] span = edits.taskSpan(taskId).orElse(new int[] {task.range().start().offset(), task.range().end().offset()});
        List<Problem> inTask = loaded.problems().stream()
                .filter(p -> p.range().start().offset() >= span[0] && p.range().start().offset() <= span[1]).toList();
        List<Problem> unclaimed = new ArrayList<>(inTask);
        List<TaskForm.Field> read = new ArrayList<>();
        for (FormField spec : specs) {
            Optional<YamlMap.Entry> entry = entryAt(task, spec.path());
            int start = entry.map(e -> e.keyRange().start().offset()).orElse(-1);
            int end = entry.map(e -> e.value().range().end().offset()).orElse(-1);
            List<Problem> own = start < 0 ? List.of() : inTask.stream()
                    .filter(p -> p.range().start().offset() >= start && p.range().start().offset() <= end).toList();
            unclaimed.removeAll(own);
            read.add(new TaskForm.Field(spec, entry.map(e -> valueOf(spec, e.value())).orElse(FieldValue.ABSENT), own, start, end));
        }
        Optional<String> typeDoc = new SchemaWalk(schema).describeType(type);
        return Optional.of(new TaskForm(taskId, type, typeDoc, known, read, unclaimed));
    }

    /** The edit that gives the field {@code value} (a string, a boolean, a list of strings; null clears the field). */
    public EditResult edit(String text, String taskId, FormField field, Object value) {
        FlowEdits edits = FlowEdits.of(text);
        if (value == null) {
            return edits.set(taskId, field.removePath(), null);
        }
        return edits.set(taskId, field.path(), value);
    }

    /**
     * What is wrong with {@code text} as the field's value, said before it is written: a required field left empty, a
     * duration that does not read, a task id that is malformed or already taken ({@code otherIds}: the flow's other
     * tasks).
     */
    public Optional<String> check(FormField field, String text, Collection<String> otherIds) {
        String value = text.strip();
        if (value.isEmpty()) {
            return field.required() ? Optional.of(field.label() + " is required") : Optional.empty();
        }
        if (field.kind() == FieldKind.DURATION && !isExpression(value) && IsoDuration.parse(value).isEmpty()) {
            return Optional.of("not an ISO-8601 duration: write PT30S, PT5M, PT1H or P1D");
        }
        if (field.isId()) {
            if (!TASK_ID.matcher(value).matches()) {
                return Optional.of("a task id has letters, digits, '_' and '-', and starts with a letter or a digit");
            }
            if (otherIds.contains(value)) {
                return Optional.of("another task is already called " + value);
            }
        }
        return Optional.empty();
    }

    /** A duration as people say it ("1 hour"), when the field is a duration and the text reads as one. */
    public Optional<String> preview(FormField field, String text) {
        if (field.kind() != FieldKind.DURATION) {
            return Optional.empty();
        }
        return IsoDuration.parse(text.strip()).map(DurationText::readable);
    }

    private static boolean isExpression(String value) {
        return value.contains("{{");
    }

    private static Optional<YamlMap.Entry> entryAt(YamlMap map, List<String> path) {
        YamlMap at = map;
        for (int i = 0; i < path.size() - 1; i++) {
            if (!(at.get(path.get(i)).orElse(null) instanceof YamlMap inner)) {
                return Optional.empty();
            }
            at = inner;
        }
        return at.entry(path.get(path.size() - 1));
    }

    private static FieldValue valueOf(FormField spec, YamlNode node) {
        return switch (spec.kind()) {
            case FLAG -> node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.BOOLEAN
                    ? new FieldValue.Flag(s.value().equalsIgnoreCase("true"))
                    : new FieldValue.InText(describe(node, "an expression"));
            case LIST -> node instanceof YamlList list && list.items().stream().allMatch(TaskForms::isTextItem)
                    ? new FieldValue.Items(list.items().stream().map(item -> ((YamlScalar) item).value()).toList())
                    : new FieldValue.InText(describe(node, "a single value"));
            case IN_TEXT -> new FieldValue.InText(describe(node, "a value"));
            default -> node instanceof YamlScalar s
                    ? new FieldValue.Text(s.isNull() ? "" : s.value())
                    : new FieldValue.InText(describe(node, "a value"));
        };
    }

    private static boolean isTextItem(YamlNode item) {
        return item instanceof YamlScalar s && !s.isNull();
    }

    private static String describe(YamlNode node, String scalar) {
        if (node instanceof YamlMap map) {
            return map.entries().size() == 1 ? "a map of 1 entry" : "a map of " + map.entries().size() + " entries";
        }
        if (node instanceof YamlList list) {
            return list.size() == 1 ? "a list of 1 item" : "a list of " + list.size() + " items";
        }
        return scalar;
    }

    /** A plugin's own keys, which the schema does not describe: shown, to edit in the text (task lists aside). */
    private static List<FormField> otherKeys(YamlMap task, List<FormField> described) {
        List<FormField> others = new ArrayList<>();
        for (YamlMap.Entry entry : task.entries().values()) {
            String key = entry.key();
            boolean isDescribed = key.equals("type") || described.stream().anyMatch(f -> f.path().get(0).equals(key));
            if (!isDescribed && !isTaskList(entry.value())) {
                others.add(new FormField(List.of(key), List.of(key), TaskFormSchema.label(key), FieldKind.IN_TEXT,
                        "A property of this plugin: Flowbench does not run it, so edit it in the text.", List.of(), null,
                        false, false));
            }
        }
        return others;
    }

    private static boolean isTaskList(YamlNode node) {
        return node instanceof YamlList list && !list.items().isEmpty()
                && list.items().stream().allMatch(item -> item instanceof YamlMap map && map.has("id") && map.has("type"));
    }
}
