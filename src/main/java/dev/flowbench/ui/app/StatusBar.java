package dev.flowbench.ui.app;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window's bottom line: caret position, error and warning counts, the run's state, and the latest notice. */
final class StatusBar extends HBox {

    private final Label caret = new Label();
    private final Label errors = new Label("0");
    private final Label warnings = new Label("0");
    private final Label run = new Label("No run");
    private final Label notice = new Label();
    private final Label kestra = new Label();

    StatusBar() {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(14);
        caret.setId("status-caret");
        errors.setId("status-errors");
        warnings.setId("status-warnings");
        run.setId("status-run");
        notice.setId("status-notice");
        kestra.setId("status-kestra");
        kestra.getStyleClass().add("status-kestra");
        errors.setGraphic(icon(Feather.X_CIRCLE, "status-error-icon"));
        warnings.setGraphic(icon(Feather.ALERT_TRIANGLE, "status-warning-icon"));
        run.setGraphic(icon(Feather.PLAY, "status-run-icon"));
        errors.setTooltip(new Tooltip("Errors in the current flow"));
        warnings.setTooltip(new Tooltip("Warnings in the current flow"));
        notice.getStyleClass().add("status-notice");
        notice.setMinWidth(0);
        // Ln/Col and the counts keep their room first; the run's headline and the notice give theirs up, whole on hover
        for (Label kept : new Label[] {caret, errors, warnings, kestra}) {
            kept.setMinWidth(Region.USE_PREF_SIZE);
        }
        run.setMinWidth(0);
        HBox.setHgrow(run, Priority.SOMETIMES);
        CutText.tooltipWhenCut(run);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(caret, errors, warnings, run, spring, notice, kestra);
    }

    void showCaret(ReadOnlyStringProperty position) {
        caret.textProperty().unbind();
        if (position == null) {
            caret.setText("");
        } else {
            caret.textProperty().bind(position);
        }
    }

    void showCounts(ObservableValue<Number> errorCount, ObservableValue<Number> warningCount) {
        errors.textProperty().unbind();
        warnings.textProperty().unbind();
        if (errorCount == null) {
            errors.setText("0");
            warnings.setText("0");
            return;
        }
        errors.textProperty().bind(Bindings.convert(errorCount));
        warnings.textProperty().bind(Bindings.convert(warningCount));
    }

    private ObservableValue<dev.flowbench.engine.State> runState;

    /** The run in front: its headline and its state's icon. */
    void showRun(ObservableValue<String> headline, ObservableValue<dev.flowbench.engine.State> state) {
        run.textProperty().bind(headline);
        runState = state; // held: a binding only its listeners know of would be collected
        state.addListener((o, a, now) -> ((FontIcon) run.getGraphic()).setIconCode(
                now == null ? Feather.PLAY : dev.flowbench.ui.run.StateLook.icon(now)));
    }

    /** Which Kestra the flows are checked for, said where the counts it changes are. */
    void showKestra(ObservableValue<dev.flowbench.flow.KestraVersion> version) {
        kestra.textProperty().bind(Bindings.createStringBinding(() -> version.getValue() == null ? ""
                : "Kestra " + version.getValue().label(), version));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> "This workspace's flows are checked for Kestra "
                + (version.getValue() == null ? "" : version.getValue().label()) + " (View > Check Flows for Kestra 1.3)", version));
        kestra.setTooltip(tip);
    }

    void bindNotice(ReadOnlyStringProperty text) {
        CutText.tooltipWhenCut(notice, text);
    }

    private static FontIcon icon(Feather code, String style) {
        FontIcon icon = new FontIcon(code);
        icon.getStyleClass().add(style);
        return icon;
    }
}
