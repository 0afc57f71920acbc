package dev.flowbench.ui.app;

import dev.flowbench.flow.FlowSchema;

import dev.flowbench.store.FlowbenchHome;
import dev.flowbench.ui.editor.EditorViewModel;
import dev.flowbench.ui.workspace.WorkspaceViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app. Its launch parameters are paths, as {@code flowbench open PATH...} gives them: files open in
 * tabs, a folder becomes the workspace; without any, the last workspace and tabs come back (the bundled sample
 * flows on a first start). Data lives in {@code FLOWBENCH_HOME} (or the {@code flowbench.home} property).
 */
public final class FlowbenchApp extends Application {

    public static final String TITLE = "Flowbench";
    private static final String SETTINGS = "ui.properties";
    private static final String SAMPLES = "samples";

    private FlowbenchHome home;
    private UiSettings settings;
    private AppViewModel app;
    private WorkspaceViewModel workspace;
    private FutureTask<PreparedStart> preparation;

    /**
     * Runs on the launcher thread, before the window: the small settings file is read here, off the FX thread, and
     * the first tabs' files are read and validated on a thread of their own while the window is being built.
     */
    @Override
    public void init() {
        home = FlowbenchHome.fromEnvironment();
        try {
            home.create();
        } catch (IOException e) {
            // the window still opens; saving settings will say what is wrong
        }
        settings = UiSettings.load(home.root().resolve(SETTINGS));
        EditorViewModel.checkFor(settings.kestra()); // before the first files are checked, below
        List<Path> paths = launchPaths();
        preparation = new FutureTask<>(() -> PreparedStart.of(paths, settings, home.root().resolve(SAMPLES),
                check -> daemon("flowbench-first-check", check)));
        // Kestra's schema takes a second to read: read it now, beside the window being built, not on first use
        daemon("flowbench-schema", () -> FlowSchema.get().flowSchema());
        daemon("flowbench-start", () -> {
            preparation.run();
            AppIcons.preload(); // fewer things for the FX thread to load while it builds the window
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private List<Path> launchPaths() {
        return getParameters().getRaw().stream().map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
    }

    private PreparedStart prepared() throws Exception {
        try {
            return preparation.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void start(Stage stage) {
        if (home == null) {
            init(); // started by a test harness that skips init()
        }
        Theme.useStylesheet(settings.theme());
        UiTasks tasks = new FxTasks();
        app = new AppViewModel(tasks, settings, home.root().resolve(SETTINGS), home.root().resolve(SAMPLES));
        workspace = new WorkspaceViewModel(tasks);
        app.folderProperty().addListener((o, before, folder) -> workspace.setRoot(folder));
        MainWindow window = new MainWindow(stage, app, workspace, tasks);
        window.setOpener(path -> getHostServices().showDocument(path.toUri().toString()));
        UiSettings.WindowPlace place = settings.window();
        Scene scene = new Scene(window, place.width(), place.height());
        Theme.apply(scene, app.themeProperty().get());
        app.themeProperty().addListener((o, before, theme) -> Theme.apply(scene, theme));
        stage.setScene(scene);
        stage.setTitle(TITLE);
        stage.getIcons().setAll(AppIcons.all());
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        if (!Double.isNaN(place.x())) {
            stage.setX(place.x());
            stage.setY(place.y());
        }
        stage.setMaximized(place.maximized());
        stage.setOnCloseRequest(event -> {
            if (!window.mayClose()) {
                event.consume();
                return;
            }
            app.rememberWindow(new UiSettings.WindowPlace(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                    stage.isMaximized()));
        });
        stage.show();
        app.start(launchPaths(), this::prepared, () -> { });
    }

    @Override
    public void stop() {
        if (app != null) {
            app.stop();
        }
        if (workspace != null) {
            workspace.close();
        }
    }
}
