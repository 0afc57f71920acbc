package dev.flowbench.ui.editor;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.ui.app.Debouncer;
import dev.flowbench.ui.app.UiTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.IntFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional.Bias;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One flow's editor: a RichTextFX code area with line numbers, YAML highlighting (lexed off the FX thread),
 * squiggles and gutter markers from the view-model's validation, hover documentation, completion, find and
 * replace, and the keys of a code editor. Only lines whose look changed are restyled.
 */
public final class EditorView extends BorderPane {

    private final EditorViewModel model;
    private final UiTasks tasks;
    private final CodeArea area = new CodeArea();
    /** The task chosen in the picture, marked in the text (a selection of its own, not the caret's). */
    private final org.fxmisc.richtext.SelectionImpl<java.util.Collection<String>, String, java.util.Collection<String>> taskSpan =
            new org.fxmisc.richtext.SelectionImpl<>("task-span", area, path -> path.getStyleClass().add("task-span"));
    private final List<LineLook> applied = new ArrayList<>();
    private final Debouncer lexing;
    private final Completions completions = new Completions();
    private final HoverDocs hoverDocs = new HoverDocs();
    private final CompletionPopup completion;
    private final Popup hover = new Popup();
    private static final PseudoClass ERROR_LINE = PseudoClass.getPseudoClass("error");
    /** One tooltip for every line's marker, given the line's problems as the mouse reaches it (lines are made at each keystroke). */
    private final Tooltip markerTip = new Tooltip();
    private final FindBar findBar;
    private final ReadOnlyStringWrapper caret = new ReadOnlyStringWrapper("Ln 1, Col 1");
    private final IntFunction<Node> lineNumbers;
    private List<List<YamlLexer.Token>> tokens = List.of();
    private String tokensText;
    private List<List<LineLook.Mark>> problemMarks = List.of();
    private List<Problem> problems = List.of();
    private String problemsText;
    private int[] brackets;
    private boolean syncing;
    private boolean restyleScheduled;
    /** The problems of each line (0-based), which the gutter's markers follow without being made again. */
    private final ObjectProperty<Map<Integer, List<Problem>>> problemLines = new SimpleObjectProperty<>(Map.of());
    private static final int RESTYLE_BATCH = 150;
    /** The area's text, taken once per change (building it is a copy of the whole document). */
    private String text = "";
    private final Debouncer bracketLook;

    public EditorView(EditorViewModel model, UiTasks tasks) {
        this.model = model;
        this.tasks = tasks;
        this.lexing = new Debouncer(tasks, Duration.ofMillis(15));
        this.bracketLook = new Debouncer(tasks, Duration.ofMillis(40));
        this.completion = new CompletionPopup(this::accept);
        this.findBar = new FindBar(area);
        this.lineNumbers = LineNumberFactory.get(area);
        getStyleClass().add("editor-view");
        area.getStyleClass().add("flow-editor");
        area.setParagraphGraphicFactory(this::gutter);
        area.setMouseOverTextDelay(Duration.ofMillis(450));
        markerTip.setShowDelay(javafx.util.Duration.millis(200));
        syncing = true;
        area.replaceText(model.text());
        text = model.text();
        syncing = false;
        area.getUndoManager().forgetHistory();
        area.moveTo(0);
        area.showParagraphAtTop(0);
        area.setEditable(!model.readOnlyProperty().get());
        model.readOnlyProperty().addListener((o, a, readOnly) -> area.setEditable(!readOnly));
        resetApplied();

        area.plainTextChanges().subscribe(change -> {
            // spliced, not asked of the area: its getText() joins every line, a copy per keystroke of the whole flow
            int at = change.getPosition();
            text = text.substring(0, at) + change.getInserted() + text.substring(at + change.getRemoved().length());
            shiftApplied(change.getPosition(), change.getRemoved(), change.getInserted());
            if (!syncing) {
                model.edit(text);
            }
            lexing.request(this::lex);
        });
        model.textProperty().addListener((o, before, now) -> {
            if (!now.equals(text)) { // reloaded from disk
                syncing = true;
                area.replaceText(now);
                syncing = false;
            }
        });
        // an invalidation listener: a change listener would compare the old and new flows in depth on the FX thread
        model.validatedProperty().addListener(o -> showProblems(model.validatedProperty().get()));
        area.caretPositionProperty().addListener((o, a, b) -> caretMoved());
        area.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        area.addSelection(taskSpan);
        // Alt+letter is a menu's mnemonic, never text (AltGr, which types characters on many layouts, is not Alt here)
        area.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if (event.isAltDown() && !event.isControlDown() && !event.isMetaDown()) {
                event.consume();
            }
        });
        area.addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, event ->
                showHover(event.getCharacterIndex(), event.getScreenPosition().getX(), event.getScreenPosition().getY()));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, event -> hover.hide());
        hover.setAutoHide(true);

        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        setTop(new VBox(banner(), findBar));
        setCenter(scroll);
        lex();
        showProblems(model.validatedProperty().get());
    }

    public EditorViewModel model() {
        return model;
    }

    /** The code area, for focus and for the {@code editor} id the window gives the selected tab's. */
    /** The id of the innermost task the caret is in, by the last check of the text as it is now; empty when none. */
    public java.util.Optional<String> taskAtCaret() {
        LoadedFlow loaded = model.validatedProperty().get();
        if (loaded == null || !loaded.source().text().equals(text)) {
            return java.util.Optional.empty(); // the check of the text as typed is under way
        }
        return dev.flowbench.flow.edit.FlowEdits.of(loaded).taskAt(area.getCaretPosition());
    }

    public CodeArea area() {
        return area;
    }

    /** "Ln 12, Col 5" for the status bar. */
    public ReadOnlyStringProperty caretProperty() {
        return caret.getReadOnlyProperty();
    }

    /** Puts the caret at a problem (or any range start) and shows it. */
    public void reveal(int offset) {
        int at = Math.max(0, Math.min(offset, area.getLength()));
        area.moveTo(at);
        area.requestFollowCaret();
        area.requestFocus();
    }

    /**
     * Applies a problem's quick fix as one undo step: a "did you mean" suggestion (the problem's range becomes the
     * suggested text) or a rewrite of more (a ForEach made a Loop); only to the text the problems were found in.
     */
    public void applySuggestion(Problem problem) {
        if (problemsText == null || !problemsText.equals(text) || !area.isEditable()) {
            return;
        }
        if (problem.suggestion() != null) {
            area.replaceText(problem.range().start().offset(), problem.range().end().offset(), problem.suggestion());
        } else if (problem.fix() != null && problem.fix().end() <= area.getLength()) {
            area.replaceText(problem.fix().start(), problem.fix().end(), problem.fix().text());
            area.moveTo(Math.min(problem.range().start().offset(), area.getLength())); // back to the construct, not past the rewrite
            area.requestFollowCaret();
        }
        hover.hide();
    }


    /**
     * Applies the quick fix of the problem at the caret (the first there that has one, a "did you mean" or a
     * rewrite); false when there is none.
     */
    public boolean quickFixAtCaret() {
        if (problemsText == null || !problemsText.equals(text)) {
            return false;
        }
        int at = area.getCaretPosition();
        for (Problem problem : problems) {
            if (problem.fixTitle() != null && problem.range().start().offset() <= at && at <= problem.range().end().offset()) {
                applySuggestion(problem);
                return true;
            }
        }
        return false;
    }

    /** Applies a visual edit (the topology's, a task form's) as one undo step; false when the text is read-only. */
    public boolean applyVisualEdit(dev.flowbench.flow.edit.TextEdit edit) {
        if (!area.isEditable() || edit.end() > area.getLength()) {
            return false;
        }
        if (edit.start() == edit.end() && edit.text().isEmpty()) {
            return true; // nothing to change
        }
        area.moveTo(edit.start()); // a selection over replaced text trips RichTextFX's paragraph cells
        area.getUndoManager().preventMerge();
        area.replaceText(edit.start(), edit.end(), edit.text());
        area.getUndoManager().preventMerge();
        return true;
    }

    /**
     * Shows the text of the task chosen in the picture: the caret at its start, its range marked (not selected: the next
     * key types at the caret, it replaces nothing), scrolled into view. {@link #unmarkTask} takes the mark away.
     */
    public void markTask(int start, int end) {
        int from = Math.max(0, Math.min(start, area.getLength()));
        int to = Math.max(from, Math.min(end, area.getLength()));
        area.moveTo(from);
        taskSpan.selectRange(from, to);
        area.requestFollowCaret();
    }

    /** The text of the task marked (see {@link #markTask}); empty when none is. */
    public String markedTaskText() {
        return taskSpan.getSelectedText();
    }

    public void unmarkTask() {
        if (taskSpan.getLength() > 0) {
            taskSpan.selectRange(area.getCaretPosition(), area.getCaretPosition());
        }
    }

    /**
     * Selects {@code [start, end)} with the caret at its start (so a long task shows from its first line), and shows
     * it, without taking the focus (the picture keeps it).
     */
    public void selectQuietly(int start, int end) {
        area.selectRange(Math.max(0, Math.min(end, area.getLength())), Math.max(0, Math.min(start, area.getLength())));
        area.requestFollowCaret();
    }

    public void openFind() {
        findBar.open();
    }

    public void goToLine() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Go to line");
        dialog.setHeaderText(null);
        dialog.setContentText("Line (1-" + area.getParagraphs().size() + "):");
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().ifPresent(text -> {
            try {
                int line = Math.max(1, Math.min(area.getParagraphs().size(), Integer.parseInt(text.strip())));
                area.moveTo(line - 1, 0);
                area.requestFollowCaret();
                area.requestFocus();
            } catch (NumberFormatException e) {
                // not a number: nothing to go to
            }
        });
    }

    public void toggleComment() {
        apply(TextEdits.toggleComment(text, area.getSelection().getStart(), area.getSelection().getEnd()));
    }

    public void requestCompletion() {
        String asked = text;
        int at = area.getCaretPosition();
        LoadedFlow model = this.model.lastModelProperty().get();
        tasks.run(() -> completions.at(asked, at, model), result -> {
            if (at != area.getCaretPosition() || !asked.equals(text)) {
                return; // typed on since: a newer request follows
            }
            if (result.suggestions().isEmpty()) {
                completion.hide();
                return;
            }
            Bounds caretBounds = area.getCaretBounds().orElse(null);
            if (caretBounds == null || getScene() == null) {
                return;
            }
            completion.style(getScene());
            completion.show(getScene().getWindow(), caretBounds.getMinX(), caretBounds.getMaxY() + 2, caretBounds.getMinY() - 2, result);
        }, failure -> completion.hide());
    }

    // ---- keys ----

    private void keyPressed(KeyEvent event) {
        KeyCode code = event.getCode();
        if (completion.isShowing()) {
            switch (code) {
                case UP -> {
                    completion.move(-1);
                    event.consume();
                }
                case DOWN -> {
                    completion.move(1);
                    event.consume();
                }
                case PAGE_UP -> {
                    completion.move(-8);
                    event.consume();
                }
                case PAGE_DOWN -> {
                    completion.move(8);
                    event.consume();
                }
                case ENTER, TAB -> {
                    if (completion.selected() != null) {
                        accept(completion.selected());
                        event.consume();
                    }
                }
                case ESCAPE -> {
                    completion.hide();
                    event.consume();
                }
                default -> {
                    // typing goes on: the list is recomputed after the key
                }
            }
            if (event.isConsumed()) {
                return;
            }
        }
        if (code == KeyCode.SPACE && event.isShortcutDown()) {
            requestCompletion();
            event.consume();
        } else if (code == KeyCode.TAB && !event.isShortcutDown()) {
            indentOrOutdent(event.isShiftDown());
            event.consume();
        } else if (code == KeyCode.ENTER && !event.isShortcutDown() && !event.isShiftDown() && area.isEditable()) {
            apply(TextEdits.newLine(area.getText(), area.getSelection().getStart(), area.getSelection().getEnd()));
            area.requestFollowCaret();
            event.consume();
        } else if (code == KeyCode.SLASH && event.isShortcutDown()) {
            toggleComment();
            event.consume();
        } else if (code == KeyCode.F && event.isShortcutDown()) {
            openFind();
            event.consume();
        } else if (code == KeyCode.L && event.isShortcutDown()) {
            goToLine();
            event.consume();
        } else if (code == KeyCode.ESCAPE && findBar.isVisible()) {
            findBar.close();
            event.consume();
        }
    }

    private void keyTyped(KeyEvent event) {
        String typed = event.getCharacter();
        if (completion.isShowing()) {
            requestCompletion();
            return;
        }
        int caretAt = area.getCaretPosition();
        String before = area.getText(Math.max(0, caretAt - 6), caretAt);
        if (" ".equals(typed) && before.endsWith("type: ")) {
            requestCompletion();
        } else if (".".equals(typed) && insideExpression(caretAt)) {
            requestCompletion();
        }
    }

    private boolean insideExpression(int caretAt) {
        int lineStart = text.lastIndexOf('\n', caretAt - 1) + 1;
        String line = area.getText(lineStart, caretAt);
        int open = Math.max(line.lastIndexOf("{{"), line.lastIndexOf("{%"));
        return open >= 0 && line.indexOf("}}", open) < 0 && line.indexOf("%}", open) < 0;
    }

    private void indentOrOutdent(boolean outdent) {
        if (!area.isEditable()) {
            return;
        }
        boolean multiLine = area.getSelectedText().contains("\n");
        if (outdent) {
            apply(TextEdits.outdentLines(text, area.getSelection().getStart(), area.getSelection().getEnd()));
        } else if (multiLine) {
            apply(TextEdits.indentLines(text, area.getSelection().getStart(), area.getSelection().getEnd()));
        } else {
            area.replaceSelection(TextEdits.INDENT);
        }
    }

    private void apply(TextEdits.Edit edit) {
        if (!area.isEditable() || area.getText(edit.from(), edit.to()).equals(edit.text())) {
            return;
        }
        area.replaceText(edit.from(), edit.to(), edit.text());
        area.selectRange(edit.selectionStart(), edit.selectionEnd());
    }

    private void accept(Completions.Suggestion suggestion) {
        Completions.Result result = completion.result();
        completion.hide();
        if (result == null) {
            return;
        }
        int to = Math.min(area.getCaretPosition(), area.getLength());
        int from = Math.min(result.from(), to);
        area.replaceText(from, to, suggestion.insert());
        area.moveTo(from + suggestion.insert().length());
        area.requestFollowCaret();
        if (suggestion.kind() == Completions.Kind.PROPERTY && "type: ".equals(suggestion.insert())) {
            requestCompletion();
        }
    }

    // ---- highlighting and problems ----

    private void lex() {
        String lexing = text;
        List<List<YamlLexer.Token>> before = tokens;
        tasks.run(() -> sharingUnchangedLines(before, YamlLexer.lex(lexing)), lexed -> {
            if (lexing.equals(text)) {
                tokens = lexed;
                tokensText = lexing;
                restyle();
            }
        }, failure -> { });
    }

    /**
     * The new tokens, where each line that lexes as before keeps the list it had: the restyle that follows on the FX
     * thread then tells unchanged lines by identity instead of comparing every token of the flow.
     */
    private static List<List<YamlLexer.Token>> sharingUnchangedLines(List<List<YamlLexer.Token>> before,
                                                                     List<List<YamlLexer.Token>> lexed) {
        List<List<YamlLexer.Token>> shared = new ArrayList<>(lexed);
        for (int i = 0; i < Math.min(before.size(), shared.size()); i++) {
            if (before.get(i).equals(shared.get(i))) {
                shared.set(i, before.get(i));
            }
        }
        return shared;
    }

    private void showProblems(LoadedFlow result) {
        if (result == null) {
            return;
        }
        if (!result.source().text().equals(text)) {
            return; // for a text that has changed since: a newer result follows
        }
        problems = result.problems();
        problemMarks = LineLook.problemMarks(problems, LineLook.lineStarts(text), text.length());
        problemsText = text;
        restyle();
        Map<Integer, List<Problem>> lines = problems.stream().collect(Collectors.groupingBy(p -> p.range().start().line() - 1));
        if (!lines.equals(problemLines.get())) {
            problemLines.set(lines);
        }
    }

    private void caretMoved() {
        int line = area.getCurrentParagraph();
        caret.set("Ln " + (line + 1) + ", Col " + (area.getCaretColumn() + 1));
        bracketLook.request(() -> {
            int[] now = TextEdits.matchingBrackets(text, area.getCaretPosition());
            if (!Arrays.equals(now, brackets)) {
                brackets = now;
                restyle();
            }
        });
    }

    /**
     * Restyles the lines whose look differs from what they show, runs of such lines in one call each, the visible
     * lines first. At most {@link #RESTYLE_BATCH} lines are restyled per pulse, so that a whole document's styles
     * (a flow just opened) never hold the FX thread for long; the rest follows on the next pulses.
     */
    private void restyle() {
        restyleScheduled = false;
        int paragraphs = area.getParagraphs().size();
        if (applied.size() != paragraphs) {
            resetApplied();
        }
        boolean tokensCurrent = text.equals(tokensText);
        boolean problemsCurrent = text.equals(problemsText);
        int[] lineStarts = brackets == null ? null : LineLook.lineStarts(text);
        int firstVisible = Math.max(0, Math.min(paragraphs - 1, visibleParagraph()));
        int budget = RESTYLE_BATCH;
        for (int[] range : new int[][] {{firstVisible, paragraphs}, {0, firstVisible}}) {
            budget = restyle(range[0], range[1], budget, tokensCurrent, problemsCurrent, lineStarts);
            if (budget <= 0) {
                if (!restyleScheduled) {
                    restyleScheduled = true;
                    tasks.onFxThread(this::restyle);
                }
                return;
            }
        }
    }

    private int visibleParagraph() {
        try {
            return area.firstVisibleParToAllParIndex();
        } catch (RuntimeException e) {
            return 0; // not laid out yet
        }
    }

    /** Restyles the changed lines of {@code [from, to)} within {@code budget} lines; returns what is left of it. */
    private int restyle(int from, int to, int budget, boolean tokensCurrent, boolean problemsCurrent, int[] lineStarts) {
        int runStart = -1;
        StyleSpansBuilder<Collection<String>> run = null;
        for (int i = from; i <= to; i++) {
            LineLook look = i < to && budget > 0 ? changedLook(i, tokensCurrent, problemsCurrent, lineStarts) : null;
            if (look != null) {
                if (run == null) {
                    run = new StyleSpansBuilder<>();
                    runStart = i;
                } else {
                    run.add(Collections.emptyList(), 1); // the line break between two lines of the run
                }
                run.addAll(look.spans(area.getParagraphLength(i)));
                applied.set(i, look);
                budget--;
            } else if (run != null) {
                area.setStyleSpans(runStart, 0, run.create());
                run = null;
            }
            if (budget <= 0 && run == null) {
                return 0;
            }
        }
        return budget;
    }

    /** The line's new look, or null when it looks as it should already. */
    private LineLook changedLook(int line, boolean tokensCurrent, boolean problemsCurrent, int[] lineStarts) {
        LineLook was = applied.get(line);
        List<YamlLexer.Token> lineTokens = tokensCurrent && line < tokens.size() ? tokens.get(line)
                : was == null ? List.of() : was.tokens();
        List<LineLook.Mark> problemsHere = problemsCurrent ? (line < problemMarks.size() ? problemMarks.get(line) : List.of())
                : was == null ? List.of() : was.marks().stream().filter(m -> !LineLook.BRACKET.equals(m.style())).toList();
        List<LineLook.Mark> bracketsHere = List.of();
        if (lineStarts != null) {
            for (int bracket : brackets) {
                if (LineLook.lineOf(lineStarts, bracket) == line) {
                    int column = bracket - lineStarts[line];
                    bracketsHere = new ArrayList<>(bracketsHere);
                    bracketsHere.add(new LineLook.Mark(column, column + 1, LineLook.BRACKET));
                }
            }
        }
        if (was != null && (was.tokens() == lineTokens || was.tokens().equals(lineTokens)) && sameMarks(was.marks(), problemsHere, bracketsHere)) {
            return null;
        }
        List<LineLook.Mark> marks = new ArrayList<>(problemsHere);
        marks.addAll(bracketsHere);
        return new LineLook(lineTokens, marks);
    }

    private static boolean sameMarks(List<LineLook.Mark> marks, List<LineLook.Mark> problems, List<LineLook.Mark> brackets) {
        if (marks.size() != problems.size() + brackets.size()) {
            return false;
        }
        for (int i = 0; i < problems.size(); i++) {
            if (!marks.get(i).equals(problems.get(i))) {
                return false;
            }
        }
        for (int i = 0; i < brackets.size(); i++) {
            if (!marks.get(problems.size() + i).equals(brackets.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void resetApplied() {
        applied.clear();
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            applied.add(null);
        }
    }

    /** Keeps {@link #applied} aligned with the paragraphs after an edit: the edited ones become unknown. */
    private void shiftApplied(int position, String removed, String inserted) {
        if (applied.size() == 0) {
            resetApplied();
            return;
        }
        int paragraph = area.offsetToPosition(position, Bias.Forward).getMajor();
        int removedLines = (int) removed.chars().filter(c -> c == '\n').count();
        int insertedLines = (int) inserted.chars().filter(c -> c == '\n').count();
        for (int i = 0; i <= removedLines && paragraph < applied.size(); i++) {
            applied.remove(paragraph);
        }
        for (int i = 0; i <= insertedLines; i++) {
            applied.add(Math.min(paragraph, applied.size()), null);
        }
        if (applied.size() != area.getParagraphs().size()) {
            resetApplied();
        }
    }

    // ---- gutter, hover, banner ----

    private Node gutter(int line) {
        Node number = lineNumbers.apply(line);
        FontIcon marker = new FontIcon(Feather.CIRCLE);
        marker.getStyleClass().add("gutter-marker");
        Tooltip.install(marker, markerTip);
        marker.setOnMouseEntered(event -> markerTip.setText(String.join("\n", problemLines.get()
                .getOrDefault(line, List.of()).stream().map(Problem::message).toList())));
        // bindings observe the map weakly: a marker dropped with its line is not kept alive by them
        marker.visibleProperty().bind(Bindings.createBooleanBinding(() -> problemLines.get().containsKey(line), problemLines));
        marker.iconCodeProperty().bind(Bindings.createObjectBinding(() -> hasError(line) ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE,
                problemLines));
        problemLines.addListener(new WeakChangeListener<>(markerStyle(marker, line)));
        markerStyle(marker, line).changed(null, null, null);
        HBox box = new HBox(2, number, marker);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gutter");
        return box;
    }

    private boolean hasError(int line) {
        return problemLines.get().getOrDefault(line, List.of()).stream().anyMatch(Problem::isError);
    }

    /** Keeps a marker's colour in step with its line's problems (held by the marker, observed weakly); a pseudo-class
     *  that does not change costs nothing, where swapping style classes restyled every marker at each check. */
    private ChangeListener<Map<Integer, List<Problem>>> markerStyle(FontIcon marker, int line) {
        @SuppressWarnings("unchecked")
        ChangeListener<Map<Integer, List<Problem>>> listener = (ChangeListener<Map<Integer, List<Problem>>>)
                marker.getProperties().computeIfAbsent("marker-style", key -> (ChangeListener<Map<Integer, List<Problem>>>)
                        (o, a, b) -> marker.pseudoClassStateChanged(ERROR_LINE, hasError(line)));
        return listener;
    }

    private void showHover(int index, double screenX, double screenY) {
        String shown = text;
        List<Problem> here = shown.equals(problemsText) ? problems.stream().filter(p -> covers(p, index)).toList() : List.of();
        tasks.run(() -> hoverDocs.at(shown, index), doc -> {
            if (!shown.equals(text) || (here.isEmpty() && doc.isEmpty()) || getScene() == null) {
                return;
            }
            VBox box = new VBox(6);
            box.getStyleClass().add("hover-popup");
            PopupStyle.follow(box, getScene());
            box.setMaxWidth(520);
            for (Problem problem : here) {
                FontIcon icon = new FontIcon(problem.isError() ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
                icon.getStyleClass().add(problem.isError() ? "gutter-error" : "gutter-warning");
                Label message = new Label(problem.message());
                message.setWrapText(true);
                message.setMaxWidth(480);
                HBox row = new HBox(6, icon, message);
                box.getChildren().add(row);
                if (problem.fixTitle() != null) {
                    Hyperlink fix = new Hyperlink(problem.fixTitle());
                    fix.setOnAction(e -> applySuggestion(problem));
                    box.getChildren().add(fix);
                }
            }
            doc.ifPresent(d -> {
                Label docs = new Label(d);
                docs.setWrapText(true);
                docs.setMaxWidth(480);
                docs.getStyleClass().add("hover-doc");
                box.getChildren().add(docs);
            });
            hover.getContent().setAll(box);
            hover.show(getScene().getWindow(), screenX + 8, screenY + 14);
        }, failure -> { });
    }

    private static boolean covers(Problem problem, int index) {
        int start = problem.range().start().offset();
        int end = Math.max(problem.range().end().offset(), start + 1);
        return start <= index && index < end;
    }

    private Node banner() {
        Label message = new Label();
        message.textProperty().bind(model.bannerProperty());
        message.setWrapText(true);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        FontIcon icon = new FontIcon(Feather.INFO);
        Button reload = new Button("Reload");
        reload.setOnAction(e -> model.reload());
        Button keep = new Button("Keep mine");
        keep.setOnAction(e -> model.keepMine());
        reload.visibleProperty().bind(model.changedOnDiskProperty());
        reload.managedProperty().bind(reload.visibleProperty());
        keep.visibleProperty().bind(model.changedOnDiskProperty());
        keep.managedProperty().bind(keep.visibleProperty());
        HBox banner = new HBox(8, icon, message, reload, keep);
        banner.setId("editor-banner");
        banner.getStyleClass().add("editor-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setMinHeight(Region.USE_PREF_SIZE);
        return banner;
    }
}
