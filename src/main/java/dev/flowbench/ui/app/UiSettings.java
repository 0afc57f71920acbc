package dev.flowbench.ui.app;

import dev.flowbench.app.FlowFiles;
import dev.flowbench.flow.KestraVersion;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the window remembers between starts ({@code FLOWBENCH_HOME/ui.properties}): the theme, the window's place,
 * the workspace folder, the open tabs and recent files. An unreadable or odd file gives defaults, never an error.
 */
public final class UiSettings {

    private static final String KESTRA_AT = "kestra@";

    public enum Theme { LIGHT, DARK }

    /** The window's place on screen. */
    public record WindowPlace(double x, double y, double width, double height, boolean maximized) {
        public static final WindowPlace DEFAULT = new WindowPlace(Double.NaN, Double.NaN, 1280, 800, false);
    }

    /**
     * The panes around the editor: their sizes in pixels as the user last made them (a window made smaller squeezes
     * them for a while, and they come back when it grows), and which are shown.
     */
    public record PaneLayout(double workspaceWidth, double sideWidth, double dockHeight, boolean workspaceShown,
                             boolean sideShown, boolean dockShown, boolean dockMaximized) {
        public static final PaneLayout DEFAULT = new PaneLayout(230, 380, 290, true, true, true, false);
    }

    private static final int MAX_RECENT = 10;
    private PaneLayout panes = PaneLayout.DEFAULT;

    private Theme theme = Theme.LIGHT;
    private KestraVersion kestra = KestraVersion.KESTRA_2;
    /** Which Kestra each workspace folder's flows are checked for, where it was chosen ({@code kestra@FOLDER}). */
    private final Map<Path, KestraVersion> kestraByWorkspace = new LinkedHashMap<>();
    private WindowPlace window = WindowPlace.DEFAULT;
    private Path workspace;
    private List<Path> openTabs = new ArrayList<>();
    private int selectedTab;
    private final List<Path> recentFiles = new ArrayList<>();

    public static UiSettings load(Path file) {
        UiSettings settings = new UiSettings();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return settings;
        } catch (IOException | RuntimeException e) {
            return settings;
        }
        settings.theme = "DARK".equalsIgnoreCase(properties.getProperty("theme")) ? Theme.DARK : Theme.LIGHT;
        settings.kestra = KestraVersion.parse(properties.getProperty("kestra")).orElse(KestraVersion.KESTRA_2);
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(KESTRA_AT) && name.length() > KESTRA_AT.length()) {
                try {
                    KestraVersion.parse(properties.getProperty(name)).ifPresent(version ->
                            settings.kestraByWorkspace.put(Path.of(name.substring(KESTRA_AT.length())), version));
                } catch (RuntimeException e) {
                    // a path this system cannot read: forgotten, as any odd setting is
                }
            }
        }
        settings.window = new WindowPlace(number(properties, "window.x", Double.NaN), number(properties, "window.y", Double.NaN),
                number(properties, "window.width", WindowPlace.DEFAULT.width()),
                number(properties, "window.height", WindowPlace.DEFAULT.height()),
                Boolean.parseBoolean(properties.getProperty("window.maximized")));
        PaneLayout d = PaneLayout.DEFAULT;
        settings.panes = new PaneLayout(number(properties, "panes.workspaceWidth", d.workspaceWidth()),
                number(properties, "panes.sideWidth", d.sideWidth()), number(properties, "panes.dockHeight", d.dockHeight()),
                flag(properties, "panes.workspaceShown", true), flag(properties, "panes.sideShown", true),
                flag(properties, "panes.dockShown", true), flag(properties, "panes.dockMaximized", false));
        settings.workspace = Optional.ofNullable(properties.getProperty("workspace")).filter(s -> !s.isBlank())
                .map(Path::of).orElse(null);
        settings.openTabs = paths(properties, "tab.");
        settings.selectedTab = (int) number(properties, "tab.selected", 0);
        settings.recentFiles.addAll(paths(properties, "recent."));
        return settings;
    }

    /** Writes the settings atomically. */
    public void save(Path file) throws IOException {
        FlowFiles.writeAtomically(file, toText());
    }

    /** The settings file's text (taken on the FX thread, written on another). */
    public String toText() {
        Properties properties = new Properties();
        properties.setProperty("theme", theme.name());
        properties.setProperty("kestra", kestra.label());
        kestraByWorkspace.forEach((folder, version) -> properties.setProperty(KESTRA_AT + folder, version.label()));
        if (!Double.isNaN(window.x())) {
            properties.setProperty("window.x", Double.toString(window.x()));
            properties.setProperty("window.y", Double.toString(window.y()));
        }
        properties.setProperty("window.width", Double.toString(window.width()));
        properties.setProperty("window.height", Double.toString(window.height()));
        properties.setProperty("window.maximized", Boolean.toString(window.maximized()));
        properties.setProperty("panes.workspaceWidth", Double.toString(panes.workspaceWidth()));
        properties.setProperty("panes.sideWidth", Double.toString(panes.sideWidth()));
        properties.setProperty("panes.dockHeight", Double.toString(panes.dockHeight()));
        properties.setProperty("panes.workspaceShown", Boolean.toString(panes.workspaceShown()));
        properties.setProperty("panes.sideShown", Boolean.toString(panes.sideShown()));
        properties.setProperty("panes.dockShown", Boolean.toString(panes.dockShown()));
        properties.setProperty("panes.dockMaximized", Boolean.toString(panes.dockMaximized()));
        if (workspace != null) {
            properties.setProperty("workspace", workspace.toString());
        }
        for (int i = 0; i < openTabs.size(); i++) {
            properties.setProperty("tab." + i, openTabs.get(i).toString());
        }
        properties.setProperty("tab.selected", Integer.toString(selectedTab));
        for (int i = 0; i < recentFiles.size(); i++) {
            properties.setProperty("recent." + i, recentFiles.get(i).toString());
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Flowbench window settings");
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    public Theme theme() {
        return theme;
    }

    /**
     * The Kestra the flows are checked for: the workspace folder's choice, else the last choice made without a
     * folder, else Kestra 2.
     */
    public KestraVersion kestra() {
        return workspace != null ? kestraByWorkspace.getOrDefault(workspace, kestra) : kestra;
    }

    /** Chooses the Kestra for the workspace folder open now (for every window without one when none is). */
    public void setKestra(KestraVersion kestra) {
        if (workspace != null) {
            kestraByWorkspace.put(workspace, kestra);
        } else {
            this.kestra = kestra;
        }
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
    }

    public WindowPlace window() {
        return window;
    }

    public void setWindow(WindowPlace window) {
        this.window = window;
    }

    public PaneLayout panes() {
        return panes;
    }

    public void setPanes(PaneLayout panes) {
        this.panes = panes;
    }

    public Optional<Path> workspace() {
        return Optional.ofNullable(workspace);
    }

    public void setWorkspace(Path workspace) {
        this.workspace = workspace;
    }

    public List<Path> openTabs() {
        return List.copyOf(openTabs);
    }

    public int selectedTab() {
        return selectedTab;
    }

    public void setOpenTabs(List<Path> tabs, int selected) {
        this.openTabs = new ArrayList<>(tabs);
        this.selectedTab = selected;
    }

    public List<Path> recentFiles() {
        return List.copyOf(recentFiles);
    }

    /** Puts {@code file} first among the recent files. */
    public void opened(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        recentFiles.remove(absolute);
        recentFiles.add(0, absolute);
        while (recentFiles.size() > MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }

    private static double number(Properties properties, String key, double fallback) {
        try {
            return Double.parseDouble(properties.getProperty(key));
        } catch (NullPointerException | NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean flag(Properties properties, String key, boolean fallback) {
        String value = properties.getProperty(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    private static List<Path> paths(Properties properties, String prefix) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; properties.getProperty(prefix + i) != null; i++) {
            try {
                paths.add(Path.of(properties.getProperty(prefix + i)));
            } catch (RuntimeException e) {
                // an invalid path: skipped
            }
        }
        return paths;
    }
}
