package dev.flowbench.ui.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.WeakMapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The workspace's flow files as a tree (id {@code workspace}); Enter or a double click opens a file. */
public final class WorkspaceView extends BorderPane {

    private static final PseudoClass ERRORS = PseudoClass.getPseudoClass("errors");
    private static final PseudoClass WARNINGS = PseudoClass.getPseudoClass("warnings");
    private static final PseudoClass UNREADABLE = PseudoClass.getPseudoClass("unreadable");

    private final WorkspaceViewModel model;
    private final TreeView<Path> tree = new TreeView<>();
    private final Label title = new Label("No folder");
    private final Label empty = new Label("No flow files here yet.\nFile > New creates one.");

    public WorkspaceView(WorkspaceViewModel model, Consumer<Path> open, Consumer<Path> preview) {
        this.model = model;
        getStyleClass().add("workspace-view");
        tree.setId("workspace");
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new FileCell());
        tree.setOnMouseClicked(event -> {
            if (event.getButton() != javafx.scene.input.MouseButton.PRIMARY) {
                return;
            }
            openSelected(event.getClickCount() >= 2 ? open : preview); // one click: a preview tab; two: kept
        });
        tree.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                openSelected(open);
                event.consume();
            }
        });
        MenuItem openItem = new MenuItem("Open", new FontIcon(Feather.FILE_TEXT));
        openItem.setOnAction(e -> openSelected(open));
        MenuItem refresh = new MenuItem("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setOnAction(e -> model.refresh());
        tree.setContextMenu(new ContextMenu(openItem, refresh));
        title.getStyleClass().add("pane-title");
        title.setMaxWidth(Double.MAX_VALUE);
        FontIcon folderIcon = new FontIcon(Feather.FOLDER);
        HBox header = new HBox(6, folderIcon, title);
        header.getStyleClass().add("pane-header");
        header.setAlignment(Pos.CENTER_LEFT);
        empty.getStyleClass().add("empty-note");
        empty.setVisible(false);
        empty.managedProperty().bind(empty.visibleProperty());
        setTop(header);
        setCenter(new VBox(empty, tree));
        VBox.setVgrow(tree, javafx.scene.layout.Priority.ALWAYS);
        model.rootProperty().addListener((o, a, root) -> rebuild());
        model.files().addListener((ListChangeListener<Path>) change -> rebuild());
        rebuild();
    }

    private void openSelected(Consumer<Path> open) {
        TreeItem<Path> item = tree.getSelectionModel().getSelectedItem();
        if (item != null && item.isLeaf() && item.getValue() != null && !Files.isDirectory(item.getValue())) {
            open.accept(item.getValue());
        }
    }

    /** Builds the tree from the file list, keeping the folders that were open open. */
    private void rebuild() {
        Path root = model.rootProperty().get();
        title.setText(root == null ? "No folder" : root.getFileName() == null ? root.toString() : root.getFileName().toString());
        Set<Path> collapsed = new HashSet<>();
        if (tree.getRoot() != null) {
            collect(tree.getRoot(), collapsed);
        }
        Path selected = tree.getSelectionModel().getSelectedItem() == null ? null : tree.getSelectionModel().getSelectedItem().getValue();
        TreeItem<Path> top = new TreeItem<>(root);
        Map<Path, TreeItem<Path>> folders = new HashMap<>();
        if (root != null) {
            folders.put(root, top);
            for (Path file : model.files()) {
                TreeItem<Path> parent = folderItem(file.getParent(), root, folders);
                TreeItem<Path> leaf = new TreeItem<>(file);
                parent.getChildren().add(leaf);
            }
        }
        folders.forEach((path, item) -> item.setExpanded(!collapsed.contains(path)));
        tree.setRoot(top);
        empty.setVisible(root != null && model.files().isEmpty());
        if (selected != null) {
            select(top, selected);
        }
    }

    private TreeItem<Path> folderItem(Path folder, Path root, Map<Path, TreeItem<Path>> folders) {
        TreeItem<Path> known = folders.get(folder);
        if (known != null) {
            return known;
        }
        TreeItem<Path> parent = folderItem(folder.getParent(), root, folders);
        TreeItem<Path> item = new TreeItem<>(folder);
        parent.getChildren().add(item);
        folders.put(folder, item);
        return item;
    }

    private static void collect(TreeItem<Path> item, Set<Path> collapsed) {
        if (!item.isLeaf() && !item.isExpanded() && item.getValue() != null) {
            collapsed.add(item.getValue());
        }
        item.getChildren().forEach(child -> collect(child, collapsed));
    }

    private void select(TreeItem<Path> item, Path wanted) {
        if (wanted.equals(item.getValue())) {
            tree.getSelectionModel().select(item);
            return;
        }
        item.getChildren().forEach(child -> select(child, wanted));
    }

    /**
     * A row of the tree. It follows its own file's health (a check after each keystroke may change one file's, and
     * refreshing the whole tree for it rebuilt every row); the health is a pseudo-class, free when it stays.
     */
    private final class FileCell extends TreeCell<Path> {
        private final FontIcon icon = new FontIcon(Feather.FILE_TEXT);
        /** The whole path, for a name the pane is too narrow for. */
        private final javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        private final MapChangeListener<Path, FlowFolder.Health> follow = change -> {
            if (change.getKey().equals(getItem())) {
                showHealth();
            }
        };

        FileCell() {
            icon.getStyleClass().add("file-icon");
            model.health().addListener(new WeakMapChangeListener<>(follow));
        }

        @Override
        protected void updateItem(Path path, boolean empty) {
            super.updateItem(path, empty);
            if (empty || path == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
            } else {
                setText(path.getFileName().toString());
                setGraphic(icon);
                whole.setText(path.toString());
                setTooltip(whole);
            }
            showHealth();
        }

        private void showHealth() {
            boolean file = !isEmpty() && getItem() != null && getTreeItem() != null && getTreeItem().isLeaf();
            FlowFolder.Health state = file ? model.health().get(getItem()) : null;
            pseudoClassStateChanged(ERRORS, state == FlowFolder.Health.ERRORS);
            pseudoClassStateChanged(WARNINGS, state == FlowFolder.Health.WARNINGS);
            pseudoClassStateChanged(UNREADABLE, state == FlowFolder.Health.UNREADABLE);
            icon.setIconCode(!file ? Feather.FOLDER
                    : state == FlowFolder.Health.ERRORS ? Feather.X_CIRCLE
                    : state == FlowFolder.Health.WARNINGS ? Feather.ALERT_TRIANGLE
                    : state == FlowFolder.Health.UNREADABLE ? Feather.SLASH
                    : Feather.FILE_TEXT);
        }
    }
}
