package dev.flowbench.ui.app;

import dev.flowbench.app.FlowFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the window opens at start, worked out off the FX thread (it looks at the disk): the workspace folder and
 * the tabs, with the one to select.
 */
record StartPlan(Path folder, List<Path> tabs, int selected) {

    static StartPlan of(List<Path> launchPaths, UiSettings settings, Path samplesFolder) throws IOException {
        if (!launchPaths.isEmpty()) {
            List<Path> files = new ArrayList<>();
            Path folder = null;
            for (Path path : launchPaths) {
                if (Files.isDirectory(path)) {
                    folder = path;
                } else {
                    files.add(path);
                }
            }
            if (folder == null && !files.isEmpty()) {
                folder = files.get(0).toAbsolutePath().getParent();
            }
            return new StartPlan(folder, files, files.size() - 1);
        }
        Optional<Path> remembered = settings.workspace().filter(Files::isDirectory);
        Path folder = remembered.isPresent() ? remembered.get() : FlowFiles.copySamples(samplesFolder);
        List<Path> tabs = new ArrayList<>();
        int selected = 0;
        List<Path> wanted = settings.openTabs();
        for (int i = 0; i < wanted.size(); i++) {
            if (Files.isRegularFile(wanted.get(i))) { // a file removed since is not reopened
                if (i == settings.selectedTab()) {
                    selected = tabs.size();
                }
                tabs.add(wanted.get(i));
            }
        }
        return new StartPlan(folder, tabs, selected);
    }
}
