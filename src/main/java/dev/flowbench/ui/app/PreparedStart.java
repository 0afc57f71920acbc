package dev.flowbench.ui.app;

import dev.flowbench.ui.editor.OpenedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the window shows first, got ready off the FX thread while the window is being built: the {@link StartPlan}
 * and each tab's file read; the selected tab's validation is started on {@code background}, so that its problems
 * follow its text closely.
 */
record PreparedStart(StartPlan plan, List<OpenedFile> tabs) {

    static PreparedStart of(List<Path> launchPaths, UiSettings settings, Path samplesFolder, Executor background)
            throws IOException {
        StartPlan plan = StartPlan.of(launchPaths, settings, samplesFolder);
        List<OpenedFile> tabs = new ArrayList<>();
        for (int i = 0; i < plan.tabs().size(); i++) {
            OpenedFile read = OpenedFile.read(plan.tabs().get(i));
            tabs.add(i == plan.selected() ? read.validatedOn(background) : read);
        }
        return new PreparedStart(plan, List.copyOf(tabs));
    }
}
