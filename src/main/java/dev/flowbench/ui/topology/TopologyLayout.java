package dev.flowbench.ui.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a {@link TopologyGraph} goes: flows are block-structured (sequences, groups, branches), so
 * each part is measured from its children and placed inside its parent, and nothing can overlap. A sequence runs
 * along the main axis, branches side by side across it; a group's header is always on its top. Vertical: every
 * sequence runs down. Horizontal: the flow's own tasks run right and what groups hold runs down inside them, so a
 * flow of stages reads as a row of columns (a row of every task would be one line too long to read).
 * Pure arithmetic on the graph: the view draws what this gives.
 */
public final class TopologyLayout {

    public enum Orientation { VERTICAL, HORIZONTAL }

    public static final double TASK_WIDTH = 210;
    public static final double TASK_HEIGHT = 50;
    static final double HEADER = 52;
    /** A cached WorkingDirectory's header has a line for its cache. */
    static final double CACHE_LINE = 18;
    static final double PAD = 14;
    static final double GAP = 28;
    static final double LABEL = 20;
    static final double MARGIN = 24;

    /** A task's box ({@code group}: drawn around its children, its header on top). */
    public record Box(TopologyGraph.Node node, double x, double y, double width, double height, boolean group) {
        public boolean contains(Box other) {
            return other.x >= x && other.y >= y && other.x + other.width <= x + width && other.y + other.height <= y + height;
        }
    }

    /** A connector from one box to the next; {@code dashed} for the way to errors and finally. */
    public record Edge(double x1, double y1, double x2, double y2, boolean dashed) {
    }

    /** A section's label (errors, finally, then, else, case ...). */
    public record Label(String text, double x, double y) {
    }

    /** The whole picture: its boxes (each group before what it holds), connectors, labels and size. */
    public record Picture(List<Box> boxes, List<Edge> edges, List<Label> labels, double width, double height) {
        public Box boxOf(String taskId) {
            return boxes.stream().filter(box -> box.node().taskId().equals(taskId)).findFirst().orElse(null);
        }
    }

    private record Size(double width, double height) {
    }

    private final Orientation orientation;
    private final List<Box> boxes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    /** How many groups deep the part being measured or placed is. */
    private int depth;

    private TopologyLayout(Orientation orientation) {
        this.orientation = orientation;
    }

    public static Picture of(TopologyGraph graph, Orientation orientation) {
        TopologyLayout layout = new TopologyLayout(orientation);
        Size size = layout.stacked(graph.sections());
        layout.placeStacked(graph.sections(), MARGIN, MARGIN, size);
        return new Picture(List.copyOf(layout.boxes), List.copyOf(layout.edges), List.copyOf(layout.labels),
                size.width() + 2 * MARGIN, size.height() + 2 * MARGIN);
    }

    private boolean vertical() {
        return orientation == Orientation.VERTICAL || depth > 0;
    }

    // ---- measuring ----

    private Size node(TopologyGraph.Node node) {
        if (!node.isGroup()) {
            return new Size(TASK_WIDTH, TASK_HEIGHT);
        }
        depth++;
        try {
            Size inner = node.branches() ? branches(node.sections()) : stacked(node.sections());
            return new Size(Math.max(TASK_WIDTH, inner.width() + 2 * PAD), header(node) + inner.height() + PAD);
        } finally {
            depth--;
        }
    }

    /** A sequence along the main axis. */
    private Size sequence(List<TopologyGraph.Node> nodes) {
        double along = 0;
        double across = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Size size = node(nodes.get(i));
            along += (vertical() ? size.height() : size.width()) + (i > 0 ? GAP : 0);
            across = Math.max(across, vertical() ? size.width() : size.height());
        }
        return vertical() ? new Size(across, along) : new Size(along, across);
    }

    private Size section(TopologyGraph.Section section) {
        Size nodes = sequence(section.nodes());
        return section.label() == null ? nodes : new Size(nodes.width(), nodes.height() + LABEL);
    }

    /** Sections one after another along the main axis (a flow's tasks, then its errors, then finally). */
    private Size stacked(List<TopologyGraph.Section> sections) {
        double along = 0;
        double across = 0;
        for (int i = 0; i < sections.size(); i++) {
            Size size = section(sections.get(i));
            along += (vertical() ? size.height() : size.width()) + (i > 0 ? GAP : 0);
            across = Math.max(across, vertical() ? size.width() : size.height());
        }
        return vertical() ? new Size(across, along) : new Size(along, across);
    }

    /** Sections side by side across the main axis (a Parallel's branches, an If's then and else). */
    private Size branches(List<TopologyGraph.Section> sections) {
        double along = 0;
        double across = 0;
        for (int i = 0; i < sections.size(); i++) {
            Size size = section(sections.get(i));
            across += (vertical() ? size.width() : size.height()) + (i > 0 ? GAP : 0);
            along = Math.max(along, vertical() ? size.height() : size.width());
        }
        return vertical() ? new Size(across, along) : new Size(along, across);
    }

    // ---- placing ----

    private void placeStacked(List<TopologyGraph.Section> sections, double x, double y, Size room) {
        double at = vertical() ? y : x;
        Box previousLast = null;
        for (TopologyGraph.Section section : sections) {
            Size size = section(section);
            double sx = vertical() ? x + (room.width() - size.width()) / 2 : at;
            double sy = vertical() ? at : y;
            Box first = placeSection(section, sx, sy, size);
            if (previousLast != null && first != null && section.label() != null) {
                connect(previousLast, first, true);
            }
            Box last = lastOf(section);
            previousLast = last == null ? previousLast : last;
            at += (vertical() ? size.height() : size.width()) + GAP;
        }
    }

    private void placeBranches(List<TopologyGraph.Section> sections, double x, double y, Size room, Box from) {
        double at = vertical() ? x : y;
        for (TopologyGraph.Section section : sections) {
            Size size = section(section);
            double sx = vertical() ? at : x;
            double sy = vertical() ? y : at;
            Box first = placeSection(section, sx, sy, size);
            if (first != null) {
                connectFromHeader(from, first);
            }
            at += (vertical() ? size.width() : size.height()) + GAP;
        }
    }

    /** Places a section's label and its nodes in a row along the main axis; returns its first box. */
    private Box placeSection(TopologyGraph.Section section, double x, double y, Size size) {
        double top = y;
        if (section.label() != null) {
            labels.add(new Label(section.label(), x, y + LABEL - 6));
            top += LABEL;
        }
        double at = vertical() ? top : x;
        Box first = null;
        Box previous = null;
        double across = vertical() ? size.width() : size.height() - (section.label() == null ? 0 : LABEL);
        for (TopologyGraph.Node node : section.nodes()) {
            Size own = node(node);
            double nx = vertical() ? x + (across - own.width()) / 2 : at;
            double ny = vertical() ? at : top;
            Box box = place(node, nx, ny, own);
            if (previous != null) {
                connect(previous, box, false);
            }
            first = first == null ? box : first;
            previous = box;
            at += (vertical() ? own.height() : own.width()) + GAP;
        }
        return first;
    }

    private Box place(TopologyGraph.Node node, double x, double y, Size size) {
        Box box = new Box(node, x, y, size.width(), size.height(), node.isGroup());
        boxes.add(box);
        if (node.isGroup()) {
            depth++;
            try {
                Size inner = node.branches() ? branches(node.sections()) : stacked(node.sections());
                double ix = x + (size.width() - inner.width()) / 2;
                double iy = y + header(node);
                if (node.branches()) {
                    placeBranches(node.sections(), ix, iy, inner, box);
                } else {
                    placeStacked(node.sections(), ix, iy, inner);
                }
            } finally {
                depth--;
            }
        }
        return box;
    }

    static double header(TopologyGraph.Node node) {
        return HEADER + (node.cache() == null ? 0 : CACHE_LINE);
    }

    private Box lastOf(TopologyGraph.Section section) {
        if (section.nodes().isEmpty()) {
            return null;
        }
        String id = section.nodes().get(section.nodes().size() - 1).taskId();
        for (int i = boxes.size() - 1; i >= 0; i--) {
            if (boxes.get(i).node().taskId().equals(id)) {
                return boxes.get(i);
            }
        }
        return null;
    }

    /** From the end of one box to the start of the next along the main axis. */
    private void connect(Box from, Box to, boolean dashed) {
        if (vertical()) {
            edges.add(new Edge(from.x() + from.width() / 2, from.y() + from.height(), to.x() + to.width() / 2, to.y(), dashed));
        } else {
            edges.add(new Edge(from.x() + from.width(), from.y() + Math.min(from.height(), TASK_HEIGHT) / 2,
                    to.x(), to.y() + Math.min(to.height(), TASK_HEIGHT) / 2, dashed));
        }
    }

    /** From a branching group's header to the first box of one of its branches. */
    private void connectFromHeader(Box group, Box to) {
        double hx = group.x() + group.width() / 2;
        double hy = group.y() + header(group.node()) - 10;
        edges.add(vertical() ? new Edge(hx, hy, to.x() + to.width() / 2, to.y(), false)
                : new Edge(group.x() + PAD, hy, to.x(), to.y() + Math.min(to.height(), TASK_HEIGHT) / 2, false));
    }
}
