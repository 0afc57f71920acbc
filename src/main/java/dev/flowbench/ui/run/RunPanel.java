package dev.flowbench.ui.run;

import dev.flowbench.flow.Input;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.flowbench.engine.RunScope;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the dock's Run place (id {@code run-panel}) shows: a tab per execution (id {@code run-tabs}), each with its state's icon
 * and colour, so that runs going on side by side are told apart at a glance. The tab in front carries the ids
 * {@code task-runs}, {@code logs} and the others of {@link RunView}.
 */
public final class RunPanel extends BorderPane {

    private final RunsViewModel model;
    private final TabPane tabs = new TabPane();
    private final Map<RunViewModel, Tab> tabOf = new HashMap<>();
    private Consumer<Path> opener = path -> { };
    private TaskActions actions = TaskActions.NONE;

    /** What a task's row offers besides its files: run a part of its flow from it, open the execution it was reused from. */
    public interface TaskActions {
        TaskActions NONE = new TaskActions() {
            @Override
            public void runPart(RunViewModel run, RunScope scope) {
            }

            @Override
            public void openExecution(String executionId) {
            }
        };

        /** Runs {@code scope}'s part of the flow {@code run} is about (its text as on screen when open). */
        void runPart(RunViewModel run, RunScope scope);

        void openExecution(String executionId);
    }

    public RunPanel(RunsViewModel model) {
        this.model = model;
        getStyleClass().addAll("dock-pane", "run-panel");
        tabs.setId("run-tabs");
        tabs.getStyleClass().add("run-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        setCenter(tabs);
        model.runs().forEach(this::addTab);
        model.runs().addListener((ListChangeListener<RunViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeTab);
                change.getAddedSubList().forEach(this::addTab);
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, before, tab) -> {
            if (tab != null) {
                model.selectedProperty().set(((RunView) tab.getContent()).model());
            }
            showIds();
        });
        model.selectedProperty().addListener((o, before, run) -> {
            Tab tab = tabOf.get(run);
            if (tab != null) {
                tabs.getSelectionModel().select(tab);
            }
        });
        Tab front = tabOf.get(model.selectedProperty().get());
        if (front != null) {
            tabs.getSelectionModel().select(front);
        }
        showIds();
    }

    /** How output files are opened: the desktop's viewer for a file, its file manager for a folder. */
    public void setOpener(Consumer<Path> opener) {
        this.opener = opener;
        tabs.getTabs().forEach(tab -> ((RunView) tab.getContent()).setOpener(opener));
    }

    /** Where a row's "Run Up to Here", "Run This Task" and "Open Execution" go. */
    public void setTaskActions(TaskActions actions) {
        this.actions = actions;
        tabs.getTabs().forEach(tab -> ((RunView) tab.getContent()).setTaskActions(actions));
    }

    private void addTab(RunViewModel run) {
        RunView view = new RunView(run);
        view.setOpener(opener);
        view.setTaskActions(actions);
        Tab tab = new Tab();
        tab.textProperty().bind(run.titleProperty());
        FontIcon icon = new FontIcon(StateLook.icon(null));
        icon.getStyleClass().add("run-tab-icon");
        tab.setGraphic(icon);
        Runnable look = () -> {
            icon.setIconCode(run.stateProperty().get() == null ? org.kordamp.ikonli.feather.Feather.PLAY_CIRCLE
                    : StateLook.icon(run.stateProperty().get()));
            StateLook.mark(icon, run.stateProperty().get());
        };
        run.stateProperty().addListener((o, a, b) -> look.run());
        look.run();
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(run.headlineProperty());
        tab.setTooltip(tip);
        tab.closableProperty().bind(run.runningProperty().not());
        tab.setOnCloseRequest(event -> {
            event.consume(); // the view-model decides (the last tab is emptied, not closed)
            model.close(run);
        });
        tab.setContent(view);
        tabOf.put(run, tab);
        tabs.getTabs().add(tab);
    }

    private void removeTab(RunViewModel run) {
        Tab tab = tabOf.remove(run);
        if (tab != null) {
            tabs.getTabs().remove(tab);
        }
    }

    private void showIds() {
        Tab front = tabs.getSelectionModel().getSelectedItem();
        for (Tab tab : tabs.getTabs()) {
            ((RunView) tab.getContent()).showIds(tab == front);
        }
    }

    /** The inputs form, themed like {@code scene}'s window and owned by it. */
    public static Optional<Map<String, String>> askInputs(Scene scene, String flowName, List<Input> inputs, Map<String, String> last,
                                                          Function<Map<String, String>, List<String>> check) {
        return InputsDialog.ask(scene == null ? null : scene.getWindow(), scene == null ? List.of() : scene.getStylesheets(),
                flowName, inputs, last, check);
    }
}
