package dev.flowbench.flow.edit;

import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.yaml.YamlDocument;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlReader;
import dev.flowbench.flow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The visual edits of a flow (a task form's field, the topology's add, delete, duplicate and moves) as the smallest
 * changes of its text: only the characters of what changes are rewritten; comments, blank lines, key order, quotes
 * and block styles of everything else stay as they were, and new content takes the indentation the flow already
 * uses. No comment line is ever removed: deleting a task or a property leaves the comment lines that were in it.
 * Each edit is computed on one version of the text (make a new {@code FlowEdits} after applying it) and is refused,
 * with a reason, when it cannot be done in place or when its result would not read as YAML.
 */
public final class FlowEdits {

    private static final String NOT_YAML = "the flow's text does not read as YAML yet: fix it in the editor first";

    private final String text;
    private final Lines lines;
    private final NodeSpans spans;
    private final YamlMap root;
    private final List<TaskRef> tasks;
    private final ValueText.Steps steps;
    private final String lineBreak;

    private FlowEdits(String text, YamlMap root) {
        this.text = text;
        this.lines = new Lines(text);
        this.spans = new NodeSpans(lines);
        this.root = root;
        this.tasks = root == null ? List.of() : TaskRef.all(root);
        this.steps = root == null ? new ValueText.Steps(2, 2) : detectSteps();
        this.lineBreak = lines.lineBreak();
    }

    /** The edits of {@code text}; when it does not read as a YAML map, every edit is refused. */
    public static FlowEdits of(String text) {
        YamlDocument document = YamlReader.read(text);
        boolean readable = document.problems().stream().noneMatch(p -> p.code().startsWith("yaml"));
        return new FlowEdits(text, readable && document.root() instanceof YamlMap map ? map : null);
    }

    /** The edits of a flow already read (no second parse): its text and tree as the validator left them. */
    public static FlowEdits of(dev.flowbench.flow.LoadedFlow loaded) {
        boolean readable = loaded.problems().stream().noneMatch(p -> p.code().startsWith("yaml"));
        return new FlowEdits(loaded.source().text(), readable && loaded.flow() != null ? loaded.flow().source() : null);
    }

    public String text() {
        return text;
    }

    /** The ids of the flow's tasks, each before those nested in it, in the order of the text. */
    public List<String> taskIds() {
        return tasks.stream().map(TaskRef::id).toList();
    }

    /** A task's map as read from the text, for a form to show its values. */
    public Optional<YamlMap> taskMap(String taskId) {
        return find(taskId).map(TaskRef::task);
    }

    /** Where a task's text is, from its dash to the end of its last line: what selecting it in the picture selects. */
    public Optional<int[]> taskSpan(String taskId) {
        return find(taskId).filter(ref -> spans.dashOf(ref.item()) >= 0)
                .map(ref -> new int[] {spans.dashOf(ref.item()), spans.contentEnd(ref.item())});
    }

    /** The task whose text holds {@code offset} (the innermost one), if any: what moving the caret selects. */
    public Optional<String> taskAt(int offset) {
        TaskRef best = null;
        for (TaskRef ref : tasks) {
            int dash = spans.dashOf(ref.item());
            int start = dash >= 0 ? lines.start(lines.lineOf(dash)) : NodeSpans.start(ref.item());
            if (offset >= start && offset <= spans.contentEnd(ref.item()) && (best == null || best.contains(ref))) {
                best = ref;
            }
        }
        return Optional.ofNullable(best).map(TaskRef::id);
    }

    /** The flow's map as read from the text (empty when the text does not read as a YAML map). */
    public Optional<YamlMap> root() {
        return Optional.ofNullable(root);
    }

    /**
     * Sets the property at {@code path} of any map of this flow (a trigger, an input, a task's nested map), as
     * {@link #set} does for a task's; null removes it.
     */
    public EditResult setIn(YamlMap map, List<String> path, Object value) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        return path.isEmpty() ? EditResult.refused("no property named") : checked(setAt(map, path, value));
    }

    /** Adds a property to a map right after the entry of {@code afterKey} (at the map's end when there is none). */
    public EditResult addAfter(YamlMap map, String afterKey, String key, Object value) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        Optional<YamlMap.Entry> after = map.entry(afterKey);
        if (map.has(key) || after.isEmpty() || spans.isFlow(map)) {
            return checked(setAt(map, List.of(key), value));
        }
        ValueText written = ValueText.of(value, ScalarFormat.Style.PLAIN, false, steps);
        int at = spans.lineEndAfter(after.get().value());
        String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
        int column = spans.keyColumn(map);
        return checked(EditResult.of(new TextEdit(at, at, before + " ".repeat(column) + key + ":" + written.inline()
                + written.blockAt(column, lineBreak) + lineBreak)));
    }

    /** Renames a key of a map in place; its value, comments and layout stay as written. */
    public EditResult renameKey(YamlMap map, String key, String newKey) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        if (!map.has(key)) {
            return unchanged();
        }
        if (map.has(newKey)) {
            return EditResult.refused("'" + newKey + "' is already there beside '" + key + "'");
        }
        SourceRange at = map.keyRange(key);
        return checked(EditResult.of(new TextEdit(at.start().offset(), at.end().offset(), newKey)));
    }

    /**
     * Replaces the characters of several places (in any order, none overlapping) as one edit; refused when the
     * places overlap or the result would not read as YAML.
     */
    public EditResult replaceAll(List<TextEdit> places) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        if (places.isEmpty()) {
            return unchanged();
        }
        List<TextEdit> sorted = new ArrayList<>(places);
        sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start() < sorted.get(i - 1).end()) {
                return EditResult.refused("two changes of the same characters");
            }
        }
        return checked(EditResult.of(combine(sorted)));
    }

    // ---- properties ----

    /**
     * Sets a task's property at {@code path} (nested keys: {@code [cache, ttl]}) to {@code value}: a string (several
     * lines make a block literal), a boolean, a number, or a list of strings; null removes it. Missing maps on the
     * way are made.
     */
    public EditResult set(String taskId, List<String> path, Object value) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        Optional<TaskRef> task = find(taskId);
        if (task.isEmpty()) {
            return EditResult.refused("there is no task " + taskId + " in the flow");
        }
        if (path.isEmpty() || value == null && path.size() == 1 && (path.get(0).equals("id") || path.get(0).equals("type"))) {
            return EditResult.refused("a task keeps its id and its type");
        }
        return checked(setAt(task.get().task(), path, value));
    }

    private EditResult setAt(YamlMap map, List<String> path, Object value) {
        String key = path.get(0);
        Optional<YamlMap.Entry> entry = map.entry(key);
        if (path.size() > 1) {
            if (entry.isPresent() && entry.get().value() instanceof YamlMap inner) {
                return setAt(inner, path.subList(1, path.size()), value);
            }
            if (value == null) {
                return unchanged();
            }
            Object nested = nestedValue(path.subList(1, path.size()), value);
            return entry.isPresent() ? replaceValue(map, entry.get(), nested) : addEntry(map, key, nested);
        }
        if (value == null) {
            return entry.isPresent() ? removeEntry(map, entry.get()) : unchanged();
        }
        return entry.isPresent() ? replaceValue(map, entry.get(), value) : addEntry(map, key, value);
    }

    private static Object nestedValue(List<String> path, Object value) {
        Object nested = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            nested = java.util.Map.of(path.get(i), nested);
        }
        return nested;
    }

    private EditResult replaceValue(YamlMap map, YamlMap.Entry entry, Object value) {
        YamlNode old = entry.value();
        boolean inFlowMap = spans.isFlow(map);
        if (old instanceof YamlScalar scalar && !scalar.isNull() && !spans.isBlockScalar(scalar) && !(value instanceof List<?>)
                && !(value instanceof java.util.Map<?, ?>) && !(value instanceof String s && s.indexOf('\n') >= 0)) {
            String written = ScalarFormat.format(value, ScalarFormat.styleOf(text, NodeSpans.start(scalar)), inFlowMap);
            return EditResult.of(new TextEdit(NodeSpans.start(scalar), NodeSpans.end(scalar), written));
        }
        if (old instanceof YamlList list && value instanceof List<?> items && !spans.isFlow(list) && !items.isEmpty()) {
            return new ListRewrite(spans, list, items, lineBreak).edit();
        }
        if (old instanceof YamlList list && value instanceof List<?> items && spans.isFlow(list) && !items.isEmpty()
                && items.stream().allMatch(item -> item instanceof String)) {
            EditResult inLine = new ListRewrite(spans, list, items, lineBreak).flowEdit();
            if (inLine != null) {
                return inLine;
            }
        }
        ValueText written = ValueText.of(value, ScalarFormat.Style.PLAIN, spans.isFlow(old) && old instanceof YamlList, steps);
        if (inFlowMap && !written.block().isEmpty()) {
            return EditResult.refused("this map is written on one line ({ ... }): edit it in the text");
        }
        int from = spans.afterColon(entry);
        int to = Math.max(from, spans.contentEnd(old));
        return EditResult.of(new TextEdit(from, to, written.inline() + written.blockAt(spans.keyColumn(map), lineBreak)));
    }

    private EditResult addEntry(YamlMap map, String key, Object value) {
        ValueText written = ValueText.of(value, ScalarFormat.Style.PLAIN, false, steps);
        if (spans.isFlow(map)) {
            if (!written.block().isEmpty()) {
                return EditResult.refused("this map is written on one line ({ ... }): edit it in the text");
            }
            int close = NodeSpans.end(map) - 1;
            String entryText = key + ":" + ScalarFormat.format(value, ScalarFormat.Style.PLAIN, true).transform(v -> " " + v);
            return EditResult.of(new TextEdit(close, close, (map.entries().isEmpty() ? "" : ", ") + entryText));
        }
        int at = spans.lineEndAfter(map);
        String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
        int column = spans.keyColumn(map);
        return EditResult.of(new TextEdit(at, at, before + " ".repeat(column) + key + ":" + written.inline()
                + written.blockAt(column, lineBreak) + lineBreak));
    }

    private EditResult removeEntry(YamlMap map, YamlMap.Entry entry) {
        int keyStart = entry.keyRange().start().offset();
        if (spans.isFlow(map) || !lines.onlySpacesBefore(keyStart)) {
            return EditResult.refused("this property shares its line with others: remove it in the text");
        }
        int from = lines.start(lines.lineOf(keyStart));
        int to = Math.max(spans.lineEndAfter(entry.value()), lines.end(lines.lineOf(keyStart)));
        return EditResult.of(new TextEdit(from, to, keptComments(from, to, entry.value(), lines.column(keyStart))));
    }

    // ---- tasks ----

    /** Deletes a task (with the tasks nested in it); the comment lines in it stay. */
    public EditResult remove(String taskId) {
        Optional<TaskRef> found = blockTask(taskId);
        if (found.isEmpty()) {
            return refusal(taskId);
        }
        TaskRef ref = found.get();
        int from = spans.dashLineStart(ref.item());
        int to = spans.lineEndAfter(ref.item());
        return checked(EditResult.of(new TextEdit(from, to, keptComments(from, to, ref.item(),
                lines.column(spans.dashOf(ref.item()))))));
    }

    /** Moves a task one place up ({@code -1}) or down ({@code +1}) among its siblings, its comments with it. */
    public EditResult move(String taskId, int delta) {
        Optional<TaskRef> found = blockTask(taskId);
        if (found.isEmpty()) {
            return refusal(taskId);
        }
        TaskRef ref = found.get();
        int other = ref.index() + Integer.signum(delta);
        if (delta == 0 || other < 0 || other >= ref.list().size()) {
            return EditResult.refused(taskId + " is already " + (delta < 0 ? "first" : "last") + " in its list");
        }
        YamlNode first = ref.list().get(Math.min(ref.index(), other));
        YamlNode second = ref.list().get(Math.max(ref.index(), other));
        // an item's trailing comment lines indented deeper than its dash are its own: they move with it, and are
        // never left after the other item, whose block scalar would read them as its text
        int column = lines.column(spans.dashOf(first));
        int firstStart = spans.itemStart(first);
        int firstEnd = spans.pastDeeperComments(spans.lineEndAfter(first), column);
        int secondStart = spans.itemStart(second);
        int secondEnd = spans.pastDeeperComments(spans.lineEndAfter(second), column);
        String firstText = withBreak(text.substring(firstStart, firstEnd));
        String secondText = text.substring(secondStart, secondEnd);
        String swapped = withBreak(secondText) + text.substring(firstEnd, secondStart) + firstText;
        if (!secondText.endsWith("\n")) {
            swapped = swapped.substring(0, swapped.length() - lineBreak.length()); // the text ended without a break
        }
        return checked(EditResult.of(new TextEdit(firstStart, secondEnd, swapped)));
    }

    /** Writes a copy of a task right after it; the copy and the tasks nested in it get new ids. */
    public EditResult duplicate(String taskId) {
        Optional<TaskRef> found = blockTask(taskId);
        if (found.isEmpty()) {
            return refusal(taskId);
        }
        TaskRef ref = found.get();
        int from = spans.dashLineStart(ref.item());
        int to = spans.lineEndAfter(ref.item());
        String copy = withBreak(text.substring(from, to));
        Set<String> used = new HashSet<>(taskIds());
        List<TextEdit> renames = new ArrayList<>();
        for (TaskRef inner : tasks) {
            if (ref.contains(inner) && inner.task().get("id").orElse(null) instanceof YamlScalar id) {
                String fresh = freshId(inner.id(), used);
                String written = ScalarFormat.format(fresh, ScalarFormat.styleOf(text, NodeSpans.start(id)), false);
                renames.add(new TextEdit(NodeSpans.start(id) - from, NodeSpans.end(id) - from, written));
            }
        }
        renames.sort(Comparator.comparingInt(TextEdit::start).reversed());
        for (TextEdit rename : renames) {
            copy = rename.applyTo(copy);
        }
        String before = text.charAt(to - 1) == '\n' ? "" : lineBreak;
        return checked(EditResult.of(new TextEdit(to, to, before + copy)));
    }

    /**
     * Adds a task written as a block map at column 0 ({@code id: ...} on its first line) to the list {@code listKey}
     * of the task {@code parentId} (null: of the flow) at {@code index} (past the end: last). A taken id gets a suffix.
     */
    public EditResult insert(String parentId, String listKey, int index, String taskText) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        YamlMap owner = root;
        if (parentId != null) {
            Optional<TaskRef> parent = find(parentId);
            if (parent.isEmpty()) {
                return refusal(parentId);
            }
            owner = parent.get().task();
        }
        List<String> taskLines = new ArrayList<>(List.of(uniqueId(taskText).split("\n", -1)));
        while (!taskLines.isEmpty() && taskLines.get(taskLines.size() - 1).isEmpty()) {
            taskLines.remove(taskLines.size() - 1);
        }
        YamlNode existing = owner.get(listKey).orElse(null);
        if (existing instanceof YamlList list && !list.items().isEmpty()) {
            if (spans.isFlow(list)) {
                return EditResult.refused("this list is written on one line ([ ... ]): add the task in the text");
            }
            int column = lines.column(spans.dashOf(list.get(0)));
            int at = index < list.size() ? spans.itemStart(list.get(Math.max(0, index))) : spans.lineEndAfter(list);
            String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
            return checked(EditResult.of(new TextEdit(at, at, before + itemLines(taskLines, column) + lineBreak)));
        }
        if (existing != null && !(existing instanceof YamlScalar scalar && scalar.isNull())) {
            return EditResult.refused(listKey + " is not a list of tasks");
        }
        int column = spans.keyColumn(owner) + steps.list();
        String list = itemLines(taskLines, column);
        if (existing != null) {
            YamlMap.Entry entry = owner.entry(listKey).orElseThrow();
            int from = spans.afterColon(entry);
            return checked(EditResult.of(new TextEdit(from, Math.max(from, spans.contentEnd(existing)), lineBreak + list)));
        }
        int at = spans.lineEndAfter(owner);
        String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
        return checked(EditResult.of(new TextEdit(at, at, before + " ".repeat(spans.keyColumn(owner)) + listKey + ":"
                + lineBreak + list + lineBreak)));
    }

    /** Adds a task (written as for {@link #insert}) right after {@code taskId}, in the same list. */
    public EditResult insertAfter(String taskId, String taskText) {
        Optional<TaskRef> found = blockTask(taskId);
        if (found.isEmpty()) {
            return refusal(taskId);
        }
        TaskRef ref = found.get();
        int column = lines.column(spans.dashOf(ref.item()));
        List<String> taskLines = new ArrayList<>(List.of(uniqueId(taskText).split("\n", -1)));
        while (!taskLines.isEmpty() && taskLines.get(taskLines.size() - 1).isEmpty()) {
            taskLines.remove(taskLines.size() - 1);
        }
        int at = spans.lineEndAfter(ref.item());
        String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
        return checked(EditResult.of(new TextEdit(at, at, before + itemLines(taskLines, column) + lineBreak)));
    }

    /** Moves a task to the end of a WorkingDirectory's tasks (the folder it shares with them), its comments with it. */
    public EditResult moveInto(String taskId, String workingDirectoryId) {
        Optional<TaskRef> task = blockTask(taskId);
        Optional<TaskRef> target = find(workingDirectoryId);
        if (task.isEmpty() || target.isEmpty()) {
            return refusal(task.isEmpty() ? taskId : workingDirectoryId);
        }
        TaskRef moved = task.get();
        TaskRef folder = target.get();
        if (!folder.isWorkingDirectory()) {
            return EditResult.refused(workingDirectoryId + " is not a WorkingDirectory");
        }
        if (moved.contains(folder)) {
            return EditResult.refused(taskId + " cannot go into itself");
        }
        if (moved.parent() != null && moved.parent().task() == folder.task() && "tasks".equals(moved.listKey())) {
            return EditResult.refused(taskId + " is already in " + workingDirectoryId);
        }
        if (!(folder.task().get("tasks").orElse(null) instanceof YamlList children) || children.items().isEmpty()
                || spans.isFlow(children)) {
            return EditResult.refused(workingDirectoryId + " has no list of tasks written one per line to move " + taskId + " into");
        }
        int at = spans.lineEndAfter(children);
        int column = lines.column(spans.dashOf(children.get(0)));
        return checked(relocate(moved, at, column));
    }

    /** Moves a task out of the task it is nested in, to just after that task. */
    public EditResult moveOut(String taskId) {
        Optional<TaskRef> task = blockTask(taskId);
        if (task.isEmpty()) {
            return refusal(taskId);
        }
        TaskRef moved = task.get();
        TaskRef parent = moved.parent();
        if (parent == null) {
            return EditResult.refused(taskId + " is not nested in another task");
        }
        if (moved.list().size() == 1) {
            return EditResult.refused(taskId + " is the only task of " + parent.id() + ", which needs one");
        }
        int parentDash = spans.dashOf(parent.item());
        if (parentDash < 0) {
            return EditResult.refused(parent.id() + " is written on one line: move " + taskId + " in the text");
        }
        return checked(relocate(moved, spans.lineEndAfter(parent.item()), lines.column(parentDash)));
    }

    /**
     * Moves every task of a task's list ({@code listKey}) out, in order, to just after the task, and removes the key:
     * what a Pause that held tasks becomes in Kestra 2. The tasks' own comment lines move with them.
     */
    public EditResult unnest(String taskId, String listKey) {
        Optional<TaskRef> task = blockTask(taskId);
        if (task.isEmpty()) {
            return refusal(taskId);
        }
        TaskRef parent = task.get();
        Optional<YamlMap.Entry> entry = parent.task().entry(listKey);
        int parentDash = spans.dashOf(parent.item());
        if (entry.isEmpty() || !(entry.get().value() instanceof YamlList list) || list.items().isEmpty() || spans.isFlow(list)
                || parentDash < 0 || !lines.onlySpacesBefore(entry.get().keyRange().start().offset())) {
            return EditResult.refused(taskId + "'s " + listKey + " are not a list written one task per item: move them in the text");
        }
        int keyLine = lines.start(lines.lineOf(entry.get().keyRange().start().offset()));
        int from = spans.itemStart(list.get(0));
        int to = spans.lineEndAfter(list);
        int column = lines.column(parentDash);
        int shift = column - lines.column(spans.dashOf(list.get(0)));
        String block = reindent(withBreak(text.substring(from, to)), shift);
        int at = spans.pastDeeperComments(Math.max(to, spans.lineEndAfter(parent.item())), column);
        String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
        List<TextEdit> both = new ArrayList<>(List.of(new TextEdit(keyLine, to, ""), new TextEdit(at, at, before + block)));
        return checked(EditResult.of(combine(both)));
    }

    /** Removes the task's lines (its comments with it) and writes them at {@code at}, its dash at {@code column}. */
    private EditResult relocate(TaskRef moved, int target, int column) {
        int at = spans.pastDeeperComments(target, column);
        int from = spans.itemStart(moved.item());
        int to = spans.pastDeeperComments(spans.lineEndAfter(moved.item()), lines.column(spans.dashOf(moved.item())));
        int shift = column - lines.column(spans.dashOf(moved.item()));
        String block = reindent(withBreak(text.substring(from, to)), shift);
        String before = at > 0 && text.charAt(at - 1) != '\n' ? lineBreak : "";
        List<TextEdit> both = new ArrayList<>(List.of(new TextEdit(from, to, ""), new TextEdit(at, at, before + block)));
        return EditResult.of(combine(both));
    }

    // ---- helpers ----

    private Optional<TaskRef> find(String taskId) {
        return tasks.stream().filter(ref -> ref.id().equals(taskId)).findFirst();
    }

    /** A task written as an item of a block list (the structural edits work on lines). */
    private Optional<TaskRef> blockTask(String taskId) {
        if (root == null) {
            return Optional.empty();
        }
        return find(taskId).filter(ref -> !spans.isFlow(ref.list()) && spans.dashOf(ref.item()) >= 0
                && lines.onlySpacesBefore(spans.dashOf(ref.item())));
    }

    private EditResult refusal(String taskId) {
        if (root == null) {
            return EditResult.refused(NOT_YAML);
        }
        return find(taskId).isEmpty() ? EditResult.refused("there is no task " + taskId + " in the flow")
                : EditResult.refused(taskId + " is written on one line with others: change it in the text");
    }

    private static EditResult unchanged() {
        return EditResult.of(new TextEdit(0, 0, ""));
    }

    /** The result, if its text still reads as YAML (a safety net: an edit that breaks the YAML is a bug, never applied). */
    private EditResult checked(EditResult result) {
        if (result instanceof EditResult.Applied applied) {
            YamlDocument after = YamlReader.read(applied.edit().applyTo(text));
            if (after.problems().stream().anyMatch(p -> p.code().startsWith("yaml")) || !(after.root() instanceof YamlMap)) {
                return EditResult.refused("Flowbench could not make this change without breaking the YAML; make it in the text");
            }
        }
        return result;
    }

    /** The comment lines (outside block scalars) of {@code [from, to)}: what a removal leaves in place. */
    /**
     * Kept comment lines are written no deeper than {@code column}, where the removed node began: deeper, after a block
     * scalar of what comes before, they would be read as that scalar's text.
     */
    private String keptComments(int from, int to, YamlNode removed, int column) {
        Set<Integer> literalLines = new HashSet<>();
        blockScalarLines(removed, literalLines);
        StringBuilder kept = new StringBuilder();
        for (int line = lines.lineOf(from); line < lines.count() && lines.start(line) < to; line++) {
            if (lines.isComment(line) && !literalLines.contains(line)) {
                String content = lines.content(line);
                kept.append(lines.indent(line) > column ? " ".repeat(column) + content.stripLeading() : content).append(lineBreak);
            }
        }
        return kept.toString();
    }

    private void blockScalarLines(YamlNode node, Set<Integer> found) {
        if (node instanceof YamlScalar scalar && spans.isBlockScalar(scalar)) {
            for (int line = lines.lineOf(NodeSpans.start(scalar)); line <= lines.lineOf(spans.contentEnd(scalar)); line++) {
                found.add(line);
            }
        } else if (node instanceof YamlList list) {
            list.items().forEach(item -> blockScalarLines(item, found));
        } else if (node instanceof YamlMap map) {
            map.entries().values().forEach(entry -> blockScalarLines(entry.value(), found));
        }
    }

    private String itemLines(List<String> taskLines, int column) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < taskLines.size(); i++) {
            String line = taskLines.get(i);
            if (i > 0) {
                out.append(lineBreak);
            }
            if (i == 0) {
                out.append(" ".repeat(column)).append("- ").append(line);
            } else if (!line.isEmpty()) {
                out.append(" ".repeat(column + 2)).append(line);
            }
        }
        return out.toString();
    }

    private String uniqueId(String taskText) {
        if (!taskText.startsWith("id: ")) {
            return taskText;
        }
        int end = taskText.indexOf('\n');
        String id = (end < 0 ? taskText.substring(4) : taskText.substring(4, end)).strip();
        Set<String> used = new HashSet<>(taskIds());
        String fresh = used.contains(id) ? freshId(id, used) : id;
        return "id: " + fresh + (end < 0 ? "" : taskText.substring(end));
    }

    private static String freshId(String id, Set<String> used) {
        String candidate = id + "_copy";
        for (int n = 2; used.contains(candidate); n++) {
            candidate = id + "_copy" + n;
        }
        used.add(candidate);
        return candidate;
    }

    private String withBreak(String block) {
        return block.endsWith("\n") ? block : block + lineBreak;
    }

    /** Shifts every line right ({@code shift > 0}) or left by as many spaces; blank lines stay as they are. */
    private String reindent(String block, int shift) {
        if (shift == 0) {
            return block;
        }
        StringBuilder out = new StringBuilder();
        for (String line : block.split("(?<=\n)")) {
            if (line.isBlank()) {
                out.append(line);
            } else if (shift > 0) {
                out.append(" ".repeat(shift)).append(line);
            } else {
                int spaces = 0;
                while (spaces < -shift && spaces < line.length() && line.charAt(spaces) == ' ') {
                    spaces++;
                }
                out.append(line.substring(spaces));
            }
        }
        return out.toString();
    }

    /** Edits of separate places made one: what lies between them is written again unchanged. */
    private TextEdit combine(List<TextEdit> edits) {
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        int from = edits.get(0).start();
        int to = edits.get(edits.size() - 1).end();
        StringBuilder out = new StringBuilder();
        int at = from;
        for (TextEdit edit : edits) {
            out.append(text, at, edit.start()).append(edit.text());
            at = edit.end();
        }
        return new TextEdit(from, Math.max(to, at), out.toString());
    }

    /** The indentation the flow already uses: its first nested block map's and its tasks list's. */
    private ValueText.Steps detectSteps() {
        int list = 2;
        if (root.get("tasks").orElse(null) instanceof YamlList top && !top.items().isEmpty() && spans.dashOf(top.get(0)) >= 0) {
            list = Math.max(0, lines.column(spans.dashOf(top.get(0))) - spans.keyColumn(root));
        }
        int map = 2;
        for (TaskRef ref : tasks) {
            for (YamlMap.Entry entry : ref.task().entries().values()) {
                if (entry.value() instanceof YamlMap inner && !spans.isFlow(inner) && !inner.entries().isEmpty()) {
                    map = Math.max(1, spans.keyColumn(inner) - spans.keyColumn(ref.task()));
                    return new ValueText.Steps(map, list);
                }
            }
        }
        return new ValueText.Steps(map, list);
    }
}
