package dev.flowbench.ui.form;

import dev.flowbench.flow.form.FieldValue;
import dev.flowbench.flow.form.FormField;
import java.util.Collection;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * A script, highlighted in its language; written when the field loses the focus or on Ctrl+Enter (Enter is a new
 * line), so a script typed here is one undo step of the flow, not one per key.
 */
final class ScriptRow extends FieldRow {

    private final ScriptLexer.Language language;
    private static final double LINE = 17;
    private static final int FEWEST_LINES = 4;
    private static final int MOST_LINES = 20;
    private CodeArea area;
    private VirtualizedScrollPane<CodeArea> scroller;
    private String shown = "";

    ScriptRow(FormField spec, TaskFormViewModel model, String taskType) {
        super(spec, model);
        this.language = ScriptLexer.Language.ofType(taskType);
        highlight(area.getText());
    }

    @Override
    protected Node editor() {
        area = new CodeArea();
        area.setId(idOf(""));
        area.getStyleClass().add("form-script");
        area.setWrapText(false);
        area.textProperty().addListener((o, before, text) -> highlight(text));
        area.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        area.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && event.isShortcutDown()) {
                commit();
                event.consume();
            }
        });
        scroller = new VirtualizedScrollPane<>(area);
        scroller.getStyleClass().add("form-script-scroller");
        scroller.setMinHeight(Region.USE_PREF_SIZE);
        area.textProperty().addListener((o, before, text) -> fitLines(text));
        fitLines("");
        scroller.addEventFilter(ScrollEvent.SCROLL, this::scrollTheFormWhenAllShows);
        return scroller;
    }

    /** The area grows with its script up to {@link #MOST_LINES} lines; a longer script scrolls in it. */
    private void fitLines(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            lines += text.charAt(i) == '\n' ? 1 : 0;
        }
        scroller.setPrefHeight(Math.max(FEWEST_LINES, Math.min(MOST_LINES, lines + 1)) * LINE + 12);
    }

    /** A wheel over a script that shows whole scrolls the form, not the script (which has nothing to scroll). */
    private void scrollTheFormWhenAllShows(ScrollEvent event) {
        if (area.getTotalHeightEstimate() > scroller.getHeight() + 1) {
            return;
        }
        for (Node up = getParent(); up != null; up = up.getParent()) {
            if (up instanceof ScrollPane form && form.getContent() != null) {
                double hidden = form.getContent().getBoundsInLocal().getHeight() - form.getViewportBounds().getHeight();
                if (hidden > 0) {
                    form.setVvalue(Math.max(0, Math.min(1, form.getVvalue() - event.getDeltaY() / hidden)));
                }
                event.consume();
                return;
            }
        }
    }

    private void commit() {
        String text = area.getText();
        if (!text.equals(shown) && write(text.isEmpty() || text.endsWith("\n") ? text : text + "\n")) {
            shown = text;
        }
    }

    private void highlight(String text) {
        if (language == null) {
            return; // called while the editor is being made: the constructor highlights once it is
        }
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int at = 0;
        for (ScriptLexer.Token token : ScriptLexer.lex(text, language)) {
            spans.add(List.of(), token.start() - at);
            spans.add(List.of(token.style()), token.end() - token.start());
            at = token.end();
        }
        spans.add(List.of(), text.length() - at);
        area.setStyleSpans(0, spans.create());
    }

    @Override
    protected void showValue(FieldValue value) {
        String text = value instanceof FieldValue.Text t ? t.text() : "";
        String withoutLastBreak = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!area.getText().equals(withoutLastBreak)) {
            area.replaceText(withoutLastBreak);
            area.getUndoManager().forgetHistory();
        }
        shown = withoutLastBreak;
    }

    @Override
    protected boolean isEditing() {
        return area.isFocused() && !area.getText().equals(shown);
    }
}
