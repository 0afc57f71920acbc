package dev.flowbench.ui.problems;

import dev.flowbench.flow.Problem;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The problems of the flow in the selected tab (id {@code problems}): one row per problem, "line:column message",
 * errors first marked red, warnings amber. Enter or a double click goes to it; a "did you mean" applies from the row's
 * menu.
 */
public final class ProblemsView extends StackPane {

    private final ListView<Problem> list = new ListView<>();
    private final Label empty = new Label("No problems in this flow.");
    private String fileName = "";
    private Consumer<Problem> jump = problem -> { };
    private Consumer<Problem> fix = problem -> { };

    public ProblemsView() {
        getStyleClass().add("problems-view");
        list.setId("problems");
        list.setCellFactory(view -> new ProblemCell());
        list.setPlaceholder(empty);
        empty.getStyleClass().add("empty-note");
        list.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                jump.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                jump.accept(list.getSelectionModel().getSelectedItem());
                event.consume();
            }
        });
        getChildren().add(list);
    }

    /** Shows {@code problems} (the selected editor's), for {@code file}; null shows none. */
    public void show(ObservableList<Problem> problems, String file, Consumer<Problem> jumpTo, Consumer<Problem> applyFix) {
        this.fileName = file == null ? "" : file;
        this.jump = jumpTo;
        this.fix = applyFix;
        list.setItems(problems == null ? FXCollections.observableArrayList() : problems);
        empty.setText(problems == null ? "Open a flow to see its problems." : "No problems in this flow.");
    }

    private final class ProblemCell extends ListCell<Problem> {
        @Override
        protected void updateItem(Problem problem, boolean empty) {
            super.updateItem(problem, empty);
            getStyleClass().removeAll("problem-row-error", "problem-row-warning");
            if (empty || problem == null) {
                setText(null);
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            setText(problem.line() + ":" + problem.column() + "  " + problem.message() + "   " + fileName);
            FontIcon icon = new FontIcon(problem.isError() ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
            icon.getStyleClass().add(problem.isError() ? "gutter-error" : "gutter-warning");
            getStyleClass().add(problem.isError() ? "problem-row-error" : "problem-row-warning");
            setGraphic(icon);
            MenuItem go = new MenuItem("Go to " + problem.line() + ":" + problem.column());
            go.setOnAction(e -> jump.accept(problem));
            ContextMenu menu = new ContextMenu(go);
            if (problem.suggestion() != null) {
                MenuItem use = new MenuItem("Use '" + problem.suggestion() + "'", new FontIcon(Feather.CHECK));
                use.setOnAction(e -> fix.accept(problem));
                menu.getItems().add(use);
            }
            setContextMenu(menu);
        }
    }
}
