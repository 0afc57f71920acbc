package dev.flowbench.ui.topology;

import java.util.Locale;

/**
 * The picture as an SVG document, drawn from the layout itself (not from pixels), so that it stays sharp and small
 * however many tasks the flow has: boxes with their ids and types, groups with their cache, connectors and labels.
 */
public final class TopologySvg {

    private TopologySvg() {
    }

    public static String of(TopologyLayout.Picture picture) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, sans-serif\">%n", picture.width(), picture.height(),
                picture.width(), picture.height()));
        svg.append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#8c959f\"/></marker></defs>\n");
        svg.append(String.format(Locale.ROOT, "  <rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>%n", picture.width(), picture.height()));
        for (TopologyLayout.Box box : picture.boxes()) {
            box(svg, box);
        }
        for (TopologyLayout.Edge edge : picture.edges()) {
            svg.append(String.format(Locale.ROOT, "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8c959f\""
                    + " stroke-width=\"1.5\"%s marker-end=\"url(#arrow)\"/>%n", edge.x1(), edge.y1(), edge.x2(), edge.y2(),
                    edge.dashed() ? " stroke-dasharray=\"5 4\"" : ""));
        }
        for (TopologyLayout.Label label : picture.labels()) {
            svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#57606a\">%s</text>%n",
                    label.x(), label.y(), escape(label.text())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void box(StringBuilder svg, TopologyLayout.Box box) {
        TopologyGraph.Node node = box.node();
        String fill = switch (node.kind()) {
            case WORKING_DIRECTORY -> "#ddf4ff";
            case FLOWABLE -> "#f6f8fa";
            case PLUGIN -> "#fff8c5";
            case TASK -> "#ffffff";
        };
        String stroke = switch (node.kind()) {
            case WORKING_DIRECTORY -> "#0969da";
            case PLUGIN -> "#bf8700";
            default -> "#d0d7de";
        };
        boolean dashed = node.kind() == TopologyGraph.Kind.PLUGIN || node.kind() == TopologyGraph.Kind.FLOWABLE;
        svg.append(String.format(Locale.ROOT, "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\""
                + " stroke=\"%s\" stroke-width=\"1.2\"%s/>%n", box.x(), box.y(), box.width(), box.height(), fill, stroke,
                dashed ? " stroke-dasharray=\"4 3\"" : ""));
        double x = box.x() + 10;
        svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" fill=\"#1f2328\">%s</text>%n",
                x, box.y() + 20, escape(node.taskId())));
        String type = node.shortType() + (node.kind() == TopologyGraph.Kind.PLUGIN ? " (cannot run here)" : "");
        svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#57606a\">%s</text>%n",
                x, box.y() + 36, escape(type)));
        if (node.cache() != null) {
            svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#0969da\">cache: %s</text>%n",
                    x, box.y() + 54, escape(node.cache())));
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
