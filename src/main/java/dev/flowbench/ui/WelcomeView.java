package dev.flowbench.ui;

import dev.flowbench.Version;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** What the window shows before a flow is open. */
final class WelcomeView extends VBox {

    WelcomeView() {
        getStyleClass().add("welcome");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        ImageView logo = new ImageView(AppIcons.load(128));
        logo.setFitWidth(96);
        logo.setPreserveRatio(true);
        Label title = new Label(FlowbenchApp.TITLE);
        title.getStyleClass().add("welcome-title");
        title.setId("welcome-title");
        Label tagline = new Label("Write, run and cache Kestra flows on your own machine.");
        tagline.getStyleClass().add("welcome-tagline");
        Label hint = new Label("From a terminal:  java -jar flowbench.jar validate | run | cache ...");
        hint.getStyleClass().add("welcome-hint");
        Label version = new Label("Version " + Version.current());
        version.getStyleClass().add("welcome-version");
        getChildren().addAll(logo, title, tagline, hint, version);
    }
}
