package dev.flowbench.ui.cache;

import dev.flowbench.cache.CachedFile;
import dev.flowbench.cache.Figures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/** A cache entry's files as a tree of folders, each line its name and size (a folder's: the sum of its files'). */
final class FileTree {

    /** A line of the tree: a name, and the bytes under it. */
    static final class Node {
        private final String name;
        private final String linkTarget;
        private long bytes;

        Node(String name, String linkTarget) {
            this.name = name;
            this.linkTarget = linkTarget;
        }

        @Override
        public String toString() {
            return name + (linkTarget == null ? "" : " -> " + linkTarget) + "   " + Figures.bytes(bytes);
        }
    }

    private FileTree() {
    }

    static TreeItem<Node> of(List<CachedFile> files) {
        TreeItem<Node> root = new TreeItem<>(new Node("/", null));
        Map<String, TreeItem<Node>> folders = new LinkedHashMap<>();
        folders.put("", root);
        for (CachedFile file : files) {
            String path = file.name().endsWith("/") ? file.name().substring(0, file.name().length() - 1) : file.name();
            TreeItem<Node> parent = folder(folders, parentOf(path));
            if ("directory".equals(file.type()) || file.name().endsWith("/")) {
                folder(folders, path);
                continue;
            }
            TreeItem<Node> item = new TreeItem<>(new Node(nameOf(path), file.linkTarget()));
            item.getValue().bytes = file.size();
            parent.getChildren().add(item);
            for (TreeItem<Node> up = parent; up != null; up = up.getParent()) {
                up.getValue().bytes += file.size();
            }
        }
        root.setExpanded(true);
        root.getChildren().forEach(child -> child.setExpanded(true));
        return root;
    }

    private static TreeItem<Node> folder(Map<String, TreeItem<Node>> folders, String path) {
        TreeItem<Node> known = folders.get(path);
        if (known != null) {
            return known;
        }
        TreeItem<Node> parent = folder(folders, parentOf(path));
        TreeItem<Node> item = new TreeItem<>(new Node(nameOf(path) + "/", null));
        parent.getChildren().add(item);
        folders.put(path, item);
        return item;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
