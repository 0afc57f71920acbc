package dev.flowbench.ui.app;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

/**
 * The panes around the editor: the workspace on the left, the editor, the dock below them, the picture and its form
 * on the right. Each side pane can be hidden and shown, and the dock maximised (it then takes the window). Their sizes
 * are kept in pixels as the user last dragged them, not as shares of the window: a window made small squeezes the
 * panes only as far as the editor needs (it keeps at least {@link #EDITOR_LEAST_WIDTH} by
 * {@link #EDITOR_LEAST_HEIGHT}), and they come back to their size when it grows again; on a first start they take no
 * more than a share of the window each, so the editor has most of it at every size.
 */
final class WindowLayout {

    static final double EDITOR_LEAST_WIDTH = 360;
    static final double EDITOR_LEAST_HEIGHT = 170;
    /** The most of the window each pane takes on a first start (its default size unless the window is small). */
    private static final double WORKSPACE_SHARE = 0.18;
    private static final double SIDE_SHARE = 0.28;
    private static final double DOCK_SHARE = 0.42;

    private final Region workspace;
    private final Region editors;
    private final Region dock;
    private final Region side;
    private final SplitPane top;
    private final SplitPane center;
    private final SplitPane outer;
    private final BooleanProperty workspaceShown = new SimpleBooleanProperty();
    private final BooleanProperty sideShown = new SimpleBooleanProperty();
    private final BooleanProperty dockShown = new SimpleBooleanProperty();
    private final BooleanProperty dockMaximized = new SimpleBooleanProperty();
    private final Consumer<UiSettings.PaneLayout> remember;
    private double workspaceWidth;
    private double sideWidth;
    private double dockHeight;
    /** Sizes not chosen by the user yet: fitted to the window once its size is known. */
    private boolean firstStart;
    private boolean applying;

    WindowLayout(Region workspace, Region editors, Region dock, Region side, UiSettings.PaneLayout saved,
                 Consumer<UiSettings.PaneLayout> remember) {
        this.workspace = workspace;
        this.editors = editors;
        this.dock = dock;
        this.side = side;
        this.remember = remember;
        this.top = new SplitPane(workspace, editors);
        this.center = new SplitPane(top, dock);
        center.setOrientation(Orientation.VERTICAL);
        this.outer = new SplitPane(center, side);
        for (Region pane : List.of(workspace, dock, side)) {
            SplitPane.setResizableWithParent(pane, false);
        }
        workspaceWidth = saved.workspaceWidth();
        sideWidth = saved.sideWidth();
        dockHeight = saved.dockHeight();
        firstStart = saved.equals(UiSettings.PaneLayout.DEFAULT);
        workspaceShown.set(saved.workspaceShown());
        sideShown.set(saved.sideShown());
        dockShown.set(saved.dockShown());
        dockMaximized.set(saved.dockMaximized() && saved.dockShown());
        for (BooleanProperty shown : List.of(workspaceShown, sideShown, dockShown, dockMaximized)) {
            shown.addListener((o, was, is) -> {
                arrange();
                remember.accept(current());
            });
        }
        dockShown.addListener((o, was, is) -> {
            if (!is) {
                dockMaximized.set(false);
            }
        });
        // after the split panes' own layout at the new size, which sets their dividers as it sees fit
        for (SplitPane split : List.of(top, center, outer)) {
            split.widthProperty().addListener(o -> placeSoon());
            split.heightProperty().addListener(o -> placeSoon());
        }
        for (SplitPane split : List.of(top, center, outer)) {
            split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> dragged()); // a divider moved by the user
        }
        arrange();
    }

    Region root() {
        return outer;
    }

    BooleanProperty workspaceShownProperty() {
        return workspaceShown;
    }

    BooleanProperty sideShownProperty() {
        return sideShown;
    }

    BooleanProperty dockShownProperty() {
        return dockShown;
    }

    BooleanProperty dockMaximizedProperty() {
        return dockMaximized;
    }

    /** The panes as they are now, to be remembered. */
    UiSettings.PaneLayout current() {
        return new UiSettings.PaneLayout(workspaceWidth, sideWidth, dockHeight, workspaceShown.get(), sideShown.get(),
                dockShown.get(), dockMaximized.get());
    }

    /** Puts the shown panes in their split panes (a maximised dock alone takes the window), then sizes them. */
    private void arrange() {
        applying = true;
        try {
            boolean maximized = dockMaximized.get() && dockShown.get();
            setItems(top, workspaceShown.get() ? List.of(workspace, editors) : List.of(editors));
            setItems(center, maximized ? List.of(dock) : dockShown.get() ? List.of(top, dock) : List.of(top));
            setItems(outer, sideShown.get() && !maximized ? List.of(center, side) : List.of(center));
        } finally {
            applying = false;
        }
        place();
        placeSoon();
    }

    private static void setItems(SplitPane split, List<Node> items) {
        if (!split.getItems().equals(items)) {
            split.getItems().setAll(items);
        }
    }

    private boolean placing;

    private void placeSoon() {
        if (!placing) {
            placing = true;
            javafx.application.Platform.runLater(() -> {
                placing = false;
                place();
            });
        }
    }

    /** Sets the dividers from the panes' sizes in pixels, each as large as the editor's least size allows. */
    private void place() {
        double width = outer.getWidth();
        double height = center.getHeight();
        if (width <= 0 || height <= 0) {
            return;
        }
        if (firstStart) {
            workspaceWidth = Math.min(workspaceWidth, Math.round(width * WORKSPACE_SHARE));
            sideWidth = Math.min(sideWidth, Math.round(width * SIDE_SHARE));
            dockHeight = Math.min(dockHeight, Math.round(height * DOCK_SHARE));
            firstStart = false;
        }
        applying = true;
        try {
            double sideNow = 0;
            if (outer.getItems().size() == 2) {
                double otherPanes = top.getItems().size() == 2 ? Math.min(workspaceWidth, 160) : 0;
                sideNow = clamp(sideWidth, width - EDITOR_LEAST_WIDTH - otherPanes);
                outer.setDividerPositions((width - sideNow) / width);
            }
            double topWidth = top.getWidth() > 0 ? top.getWidth() : width - sideNow;
            if (top.getItems().size() == 2 && topWidth > 0) {
                top.setDividerPositions(clamp(workspaceWidth, topWidth - EDITOR_LEAST_WIDTH) / topWidth);
            }
            if (center.getItems().size() == 2) {
                center.setDividerPositions((height - clamp(dockHeight, height - EDITOR_LEAST_HEIGHT)) / height);
            }
        } finally {
            applying = false;
        }
    }

    private static double clamp(double wanted, double most) {
        return Math.max(0, Math.min(wanted, most));
    }

    /** After a drag: the sizes the user gave the panes are theirs from now on. */
    private void dragged() {
        if (applying) {
            return;
        }
        double width = outer.getWidth();
        if (outer.getItems().size() == 2 && width > 0) {
            sideWidth = Math.round(width * (1 - outer.getDividerPositions()[0]));
        }
        double topWidth = top.getWidth();
        if (top.getItems().size() == 2 && topWidth > 0) {
            workspaceWidth = Math.round(topWidth * top.getDividerPositions()[0]);
        }
        double height = center.getHeight();
        if (center.getItems().size() == 2 && height > 0) {
            dockHeight = Math.round(height * (1 - center.getDividerPositions()[0]));
        }
        remember.accept(current());
    }
}
