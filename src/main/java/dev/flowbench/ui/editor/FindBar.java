package dev.flowbench.ui.editor;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Find and replace in one editor (Ctrl+F): Enter finds the next match, Shift+Enter the previous, Escape closes. */
final class FindBar extends HBox {

    private final CodeArea area;
    private final TextField find = new TextField();
    private final TextField replace = new TextField();
    private final ToggleButton matchCase = new ToggleButton("Aa");
    private final Label count = new Label();

    FindBar(CodeArea area) {
        this.area = area;
        getStyleClass().add("find-bar");
        setId("find-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        find.setId("find-field");
        find.setPromptText("Find");
        replace.setId("replace-field");
        replace.setPromptText("Replace");
        find.setPrefColumnCount(22);
        replace.setPrefColumnCount(18);
        matchCase.setTooltip(new Tooltip("Match case"));
        matchCase.getStyleClass().add("small");
        count.getStyleClass().add("find-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        Button previous = iconButton(Feather.ARROW_UP, "Previous match (Shift+Enter)", () -> step(false));
        Button next = iconButton(Feather.ARROW_DOWN, "Next match (Enter)", () -> step(true));
        Button replaceOne = new Button("Replace");
        replaceOne.setOnAction(e -> replaceCurrent());
        Button replaceAll = new Button("All");
        replaceAll.setTooltip(new Tooltip("Replace every match"));
        replaceAll.setOnAction(e -> replaceAll());
        Button close = iconButton(Feather.X, "Close (Escape)", this::close);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(find, matchCase, previous, next, count, replace, replaceOne, replaceAll, spring, close);
        find.textProperty().addListener((o, a, b) -> updateCount());
        matchCase.selectedProperty().addListener((o, a, b) -> updateCount());
        find.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                step(!event.isShiftDown());
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                close();
                event.consume();
            }
        });
        replace.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                replaceCurrent();
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                close();
                event.consume();
            }
        });
        setVisible(false);
        setManaged(false);
    }

    void open() {
        String selected = area.getSelectedText();
        if (!selected.isEmpty() && !selected.contains("\n")) {
            find.setText(selected);
        }
        setVisible(true);
        setManaged(true);
        find.requestFocus();
        find.selectAll();
        updateCount();
    }

    void close() {
        setVisible(false);
        setManaged(false);
        area.requestFocus();
    }

    private void step(boolean forward) {
        String needle = find.getText();
        if (needle.isEmpty()) {
            return;
        }
        String text = comparable(area.getText());
        String wanted = comparable(needle);
        int from = forward ? area.getSelection().getEnd() : area.getSelection().getStart() - 1;
        int at = forward ? text.indexOf(wanted, from) : text.lastIndexOf(wanted, Math.max(from, -1));
        if (at < 0) {
            at = forward ? text.indexOf(wanted) : text.lastIndexOf(wanted); // wrap around
        }
        if (at >= 0) {
            area.selectRange(at, at + needle.length());
            area.requestFollowCaret();
        }
        updateCount();
    }

    private void replaceCurrent() {
        String selected = area.getSelectedText();
        if (!selected.isEmpty() && comparable(selected).equals(comparable(find.getText()))) {
            area.replaceSelection(replace.getText());
        }
        step(true);
    }

    private void replaceAll() {
        String needle = find.getText();
        if (needle.isEmpty()) {
            return;
        }
        String text = area.getText();
        String haystack = comparable(text);
        String wanted = comparable(needle);
        StringBuilder out = new StringBuilder();
        int at = 0;
        int found;
        while ((found = haystack.indexOf(wanted, at)) >= 0) {
            out.append(text, at, found).append(replace.getText());
            at = found + needle.length();
        }
        out.append(text.substring(at));
        if (!out.toString().equals(text)) {
            area.replaceText(0, text.length(), out.toString()); // one undo step
        }
        updateCount();
    }

    private void updateCount() {
        String needle = find.getText();
        if (needle.isEmpty()) {
            count.setText("");
            return;
        }
        String text = comparable(area.getText());
        String wanted = comparable(needle);
        int matches = 0;
        for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length())) {
            matches++;
        }
        count.setText(matches == 0 ? "No matches" : matches == 1 ? "1 match" : matches + " matches");
    }

    private String comparable(String text) {
        return matchCase.isSelected() ? text : text.toLowerCase(Locale.ROOT);
    }

    private static Button iconButton(Feather icon, String tip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll("flat", "button-icon");
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }
}
