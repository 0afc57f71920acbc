package dev.flowbench.ui.editor;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The list of completions under the caret: arrows move, Enter or Tab accepts, Escape closes. */
final class CompletionPopup {

    private static final int ROWS = 10;
    private static final double ROW_HEIGHT = 28;

    private final Popup popup = new Popup();
    private final ListView<Completions.Suggestion> list = new ListView<>();
    private final Label detail = new Label();
    private final VBox box;
    private Completions.Result result;

    CompletionPopup(Consumer<Completions.Suggestion> accepted) {
        list.setId("completion-list");
        list.getStyleClass().add("completion-list");
        list.setFixedCellSize(ROW_HEIGHT);
        list.setFocusTraversable(false); // keys stay with the editor, even where the window system focuses the popup
        list.setPrefWidth(520);
        list.setCellFactory(view -> new SuggestionCell());
        list.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                accepted.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        detail.getStyleClass().add("completion-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(520);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            detail.setText(now == null ? "" : now.detail());
            detail.setVisible(now != null && !now.detail().isBlank());
            detail.setManaged(detail.isVisible());
        });
        box = new VBox(list, detail);
        box.getStyleClass().add("completion-popup");
        popup.getContent().add(box);
        popup.setAutoHide(true);
    }

    /** Takes the window's theme and stylesheets (a popup has a scene of its own). */
    void style(Scene scene) {
        PopupStyle.follow(box, scene);
    }

    boolean isShowing() {
        return popup.isShowing();
    }

    Completions.Result result() {
        return result;
    }

    Completions.Suggestion selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    /**
     * Shows the suggestions below the caret ({@code x}, {@code below}), or above it ({@code above}) when the screen
     * has no room below.
     */
    void show(Window owner, double x, double below, double above, Completions.Result result) {
        this.result = result;
        list.getItems().setAll(result.suggestions());
        list.setPrefHeight(Math.min(ROWS, result.suggestions().size()) * ROW_HEIGHT + 4);
        list.getSelectionModel().selectFirst();
        list.scrollTo(0);
        double height = list.getPrefHeight() + 70;
        double screenBottom = Screen.getScreensForRectangle(x, below, 1, 1).stream().findFirst()
                .orElse(Screen.getPrimary()).getVisualBounds().getMaxY();
        double y = below + height > screenBottom ? Math.max(0, above - height) : below;
        if (popup.isShowing()) {
            popup.setY(y);
        } else {
            popup.show(owner, x, y);
        }
    }

    void move(int step) {
        int index = Math.max(0, Math.min(list.getItems().size() - 1, list.getSelectionModel().getSelectedIndex() + step));
        list.getSelectionModel().select(index);
        list.scrollTo(Math.max(0, index - ROWS / 2));
    }

    void hide() {
        popup.hide();
        result = null;
    }

    private static final class SuggestionCell extends ListCell<Completions.Suggestion> {
        SuggestionCell() {
            setPrefWidth(0); // the list's width decides, not the row's text: no horizontal scrolling
        }

        @Override
        protected void updateItem(Completions.Suggestion item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FontIcon icon = new FontIcon(switch (item.kind()) {
                case PROPERTY -> Feather.HASH;
                case TYPE -> Feather.BOX;
                case VALUE -> Feather.LIST;
                case NAME -> Feather.CODE;
            });
            icon.getStyleClass().add("completion-icon");
            Label label = new Label(item.label());
            label.getStyleClass().add("completion-label");
            Label hint = new Label(firstSentence(item.detail()));
            hint.getStyleClass().add("completion-hint");
            hint.setMinWidth(0);
            HBox.setHgrow(hint, Priority.ALWAYS);
            HBox row = new HBox(8, icon, label, hint);
            row.setPadding(new Insets(0, 4, 0, 2));
            row.setAlignment(Pos.CENTER_LEFT);
            label.setMinWidth(Region.USE_PREF_SIZE);
            setGraphic(row);
            setText(null);
        }

        private static String firstSentence(String text) {
            int dot = text.indexOf(". ");
            String first = dot < 0 ? text : text.substring(0, dot + 1);
            return first.length() > 70 ? first.substring(0, 67) + "..." : first;
        }
    }
}
