package dev.flowbench.ui.problems;

import dev.flowbench.flow.Problem;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
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

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

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

    /**
     * A row: its icon and menu are made once and follow the row's problem (a check after each keystroke refreshes
     * every visible row); error or warning is a pseudo-class, which costs nothing when it does not change.
     */
    private final class ProblemCell extends ListCell<Problem> {
        private final FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        private final MenuItem go = new MenuItem();
        private final MenuItem use = new MenuItem("", new FontIcon(Feather.CHECK));
        private final ContextMenu menu = new ContextMenu(go, use);

        ProblemCell() {
            icon.getStyleClass().add("problem-icon");
            go.setOnAction(e -> jump.accept(getItem()));
            use.setOnAction(e -> fix.accept(getItem()));
            menu.setOnShowing(e -> {
                Problem problem = getItem();
                go.setText("Go to " + problem.line() + ":" + problem.column());
                String label = problem.fixTitle();
                use.setVisible(label != null);
                use.setText(label == null ? "" : label);
            });
        }

        @Override
        protected void updateItem(Problem problem, boolean empty) {
            super.updateItem(problem, empty);
            boolean shown = !empty && problem != null;
            pseudoClassStateChanged(ERROR, shown && problem.isError());
            pseudoClassStateChanged(WARNING, shown && !problem.isError());
            setText(shown ? problem.line() + ":" + problem.column() + "  " + problem.message() + "   " + fileName : null);
            if (shown) {
                icon.setIconCode(problem.isError() ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
            }
            setGraphic(shown ? icon : null);
            setContextMenu(shown ? menu : null);
        }
    }
}
