package dev.flowbench.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

public final class FlowbenchApp extends Application {

    public static final String TITLE = "Flowbench";

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new WelcomeView(), 1100, 720);
        scene.getStylesheets().add(FlowbenchApp.class.getResource("app.css").toExternalForm());
        stage.setTitle(TITLE);
        stage.getIcons().setAll(AppIcons.all());
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.setScene(scene);
        stage.show();
    }
}
