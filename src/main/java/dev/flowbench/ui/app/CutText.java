package dev.flowbench.ui.app;

import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * No text cut without a way to read it: a label whose width cuts its text (an ellipsis) shows it whole on hover, and a
 * table's column headers are never narrower than their names.
 */
public final class CutText {

    /** A header's padding and the room of its sort arrow, beside its name. */
    private static final double HEADER_ROOM = 30;

    private CutText() {
    }

    /** Shows {@code labeled}'s whole text in a tooltip when it is cut; no tooltip when it fits. */
    public static void tooltipWhenCut(Labeled labeled) {
        Tooltip whole = new Tooltip();
        whole.setWrapText(true);
        whole.setMaxWidth(640);
        labeled.setOnMouseEntered(e -> {
            String text = labeled.getText();
            boolean cut = text != null && !text.isEmpty() && isCut(labeled);
            whole.setText(text);
            labeled.setTooltip(cut ? whole : null);
        });
    }

    /** The same for a label whose text follows {@code text}. */
    public static void tooltipWhenCut(Labeled labeled, ObservableValue<String> text) {
        labeled.textProperty().bind(text);
        tooltipWhenCut(labeled);
    }

    static boolean isCut(Labeled labeled) {
        Text measure = new Text(labeled.getText());
        measure.setFont(labeled.getFont());
        double graphic = labeled.getGraphic() == null ? 0 : labeled.getGraphic().prefWidth(-1) + labeled.getGraphicTextGap();
        double room = labeled.getWidth() - labeled.snappedLeftInset() - labeled.snappedRightInset() - graphic;
        return measure.getLayoutBounds().getWidth() > room + 0.5 || labeled.getText().contains("\n") && !labeled.isWrapText();
    }

    /** Gives every column a least width that shows its whole name (headers are bold in the theme). */
    public static void headersWhole(List<? extends TableColumnBase<?, ?>> columns) {
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize());
        for (TableColumnBase<?, ?> column : columns) {
            Text measure = new Text(column.getText());
            measure.setFont(bold);
            double least = Math.ceil(measure.getLayoutBounds().getWidth() + HEADER_ROOM);
            column.setMinWidth(Math.max(column.getMinWidth(), least));
            if (column.getPrefWidth() < least) {
                column.setPrefWidth(least);
            }
        }
    }
}
