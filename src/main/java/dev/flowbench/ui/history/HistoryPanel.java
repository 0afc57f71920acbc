package dev.flowbench.ui.history;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.ExecutionSummary;
import dev.flowbench.ui.app.TimeText;
import dev.flowbench.ui.run.StateLook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dock's History place (id {@code history}): the latest executions, this window's and the command line's, with
 * their state, start and duration; a double click or Enter opens one in the run panel with its tasks and log.
 */
public final class HistoryPanel extends BorderPane {

    private final TableView<ExecutionSummary> table = new TableView<>();
    private final HistoryViewModel model;

    public HistoryPanel(HistoryViewModel model, Consumer<ExecutionDetail> show, Consumer<ExecutionSummary> rerun) {
        getStyleClass().addAll("dock-pane", "history-panel");
        this.model = model;
        table.setId("history");
        table.setItems(model.executions());
        table.setPlaceholder(new Label("No executions yet. Runs from this window and from `flowbench run` are listed here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<ExecutionSummary, State> state = column("State", 110, ExecutionSummary::state);
        state.setCellFactory(c -> new StateCell());
        TableColumn<ExecutionSummary, String> flow = column("Flow", 260, run -> run.namespace() + "." + run.flowId());
        TableColumn<ExecutionSummary, Instant> started = column("Started", 120, ExecutionSummary::startedAt);
        started.setCellFactory(c -> text(TimeText::shortTime));
        TableColumn<ExecutionSummary, Duration> took = column("Duration", 90, ExecutionSummary::duration);
        took.setCellFactory(c -> text(TimeText::duration));
        TableColumn<ExecutionSummary, ExecutionSummary> cache = column("Cache", 130, run -> run);
        cache.setCellFactory(c -> new CacheCell());
        cache.setSortable(false);
        TableColumn<ExecutionSummary, String> message = column("Message", 260, run -> run.message() == null ? "" : run.message());
        TableColumn<ExecutionSummary, String> id = column("Execution", 200, ExecutionSummary::id);
        for (TableColumn<ExecutionSummary, String> cut : List.of(flow, message, id)) {
            cut.setCellFactory(c -> text(s -> s)); // whole on hover when the column cuts it
        }
        table.getColumns().setAll(List.of(state, flow, started, took, cache, message, id));
        dev.flowbench.ui.app.CutText.headersWhole(table.getColumns());
        table.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                model.open(table.getSelectionModel().getSelectedItem(), show);
            }
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                model.open(table.getSelectionModel().getSelectedItem(), show);
                event.consume();
            }
        });
        Label notice = new Label();
        notice.textProperty().bind(model.noticeProperty());
        notice.getStyleClass().add("history-notice");
        Label hint = new Label("Double-click or Enter opens an execution in the Run panel.");
        hint.getStyleClass().add("history-hint");
        javafx.scene.control.Button again = new javafx.scene.control.Button("Run again", new FontIcon(Feather.REFRESH_CW));
        again.setId("rerun");
        again.setTooltip(new javafx.scene.control.Tooltip("Runs the selected execution's flow file again, with the same inputs"));
        again.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        again.setOnAction(e -> rerun.accept(table.getSelectionModel().getSelectedItem()));
        javafx.scene.layout.Region spring = new javafx.scene.layout.Region();
        HBox.setHgrow(spring, javafx.scene.layout.Priority.ALWAYS);
        HBox bar = new HBox(12, hint, notice, spring, again);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("history-toolbar");
        setTop(bar);
        setCenter(table);
    }

    /**
     * Lists the executions only while {@code shown} (its dock tab is in front): a hidden table would still lay out its
     * rows at every change, and the first rows cost the FX thread 100 ms or more, during the run that added them.
     */
    public void listWhile(javafx.beans.value.ObservableValue<Boolean> shown) {
        Runnable follow = () -> table.setItems(Boolean.TRUE.equals(shown.getValue()) ? model.executions()
                : javafx.collections.FXCollections.emptyObservableList());
        shown.addListener(o -> follow.run());
        follow.run();
    }

    private static <T> TableColumn<ExecutionSummary, T> column(String name, double width, Function<ExecutionSummary, T> value) {
        TableColumn<ExecutionSummary, T> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(features -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    private static <T> TableCell<ExecutionSummary, T> text(Function<T, String> format) {
        return new TableCell<>() {
            {
                dev.flowbench.ui.app.CutText.tooltipWhenCut(this);
            }

            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format.apply(value));
            }
        };
    }

    /** The execution's cache decisions as the run panel's badges: "2 HIT" in green, "1 MISS" in amber. */
    private static final class CacheCell extends TableCell<ExecutionSummary, ExecutionSummary> {
        private final Label hits = badge(CacheResult.HIT);
        private final Label misses = badge(CacheResult.MISS);
        private final HBox badges = new HBox(4, hits, misses);
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

        CacheCell() {
            badges.setAlignment(Pos.CENTER_LEFT);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        private static Label badge(CacheResult result) {
            Label badge = new Label();
            badge.getStyleClass().add("cache-badge");
            badge.managedProperty().bind(badge.visibleProperty());
            StateLook.mark(badge, result);
            return badge;
        }

        @Override
        protected void updateItem(ExecutionSummary run, boolean empty) {
            super.updateItem(run, empty);
            if (empty || run == null || run.cacheHits() + run.cacheMisses() == 0) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            show(hits, run.cacheHits(), "HIT");
            show(misses, run.cacheMisses(), "MISS");
            tip.setText(dev.flowbench.cache.Figures.hitsAndMisses(run.cacheHits(), run.cacheMisses()));
            setTooltip(tip);
            setGraphic(badges);
        }

        private static void show(Label badge, long count, String word) {
            badge.setVisible(count > 0);
            badge.setText(count == 1 ? word : count + " " + word);
        }
    }

    /** The state as an icon and a word, coloured like the run panel's. */
    private static final class StateCell extends TableCell<ExecutionSummary, State> {
        private final FontIcon icon = new FontIcon(Feather.CIRCLE);

        StateCell() {
            getStyleClass().add("history-state");
            icon.getStyleClass().add("state-icon");
        }

        @Override
        protected void updateItem(State state, boolean empty) {
            super.updateItem(state, empty);
            StateLook.mark(this, empty ? null : state);
            if (empty || state == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(state.name());
            icon.setIconCode(StateLook.icon(state));
            setGraphic(icon);
        }
    }
}
