package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FlowbenchAppTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new FlowbenchApp().start(stage);
    }

    @Test
    void theWindowOpensWithItsTitleIconsAndWelcome(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).isEqualTo("Flowbench");
        assertThat(stage.getIcons()).extracting(Image::getWidth)
                .containsExactly(16.0, 32.0, 64.0, 128.0, 256.0, 512.0);
        Label title = robot.lookup("#welcome-title").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("Flowbench");
        assertThat(title.isVisible()).isTrue();
        assertThat(stage.getScene().getWidth()).isGreaterThan(600);
    }
}
