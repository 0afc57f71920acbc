package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A run waiting in a Pause shows Resume beside its headline; a click makes it go on, as flowbench resume does. */
class PauseResumeTest {

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private final FlowWindow window = new FlowWindow();
    private final FxRobot robot = window.robot;

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private String headline() {
        return robot.lookup("#run-headline").queryAs(Label.class).getText();
    }

    @Test
    void resumeInTheWindowEndsThePauseAndTheRunGoesOn() throws Exception {
        window.open(home, flows, "approve.yml", """
                id: approve
                namespace: test
                tasks:
                  - id: wait
                    type: io.kestra.plugin.core.flow.Pause
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: approved
                """, "after");
        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#resume").tryQuery().filter(javafx.scene.Node::isVisible)).as("no Resume before a Pause waits")
                .isEmpty();
        robot.clickOn("#run");
        FlowWindow.await(() -> headline().startsWith("Paused at 'wait'"));
        Button resume = robot.lookup("#resume").queryAs(Button.class);
        FlowWindow.await(resume::isVisible);
        robot.clickOn("#resume");
        FlowWindow.await(() -> headline().contains("SUCCESS"));
        assertThat(headline()).startsWith("approve.yml: SUCCESS in ");
        assertThat(resume.isVisible()).isFalse();
    }

    @Test
    void aPauseWithADurationCountsDownAndResumeEndsItEarly() throws Exception {
        window.open(home, flows, "timed.yml", """
                id: timed
                namespace: test
                tasks:
                  - id: wait
                    type: io.kestra.plugin.core.flow.Pause
                    pauseDuration: PT5M
                  - id: after
                    type: io.kestra.plugin.core.log.Log
                    message: went on
                """, "after");
        FlowWindow.await(() -> !robot.lookup("#run").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
        FlowWindow.await(() -> robot.lookup("#pause-countdown").tryQuery().filter(javafx.scene.Node::isVisible).isPresent());
        Label countdown = robot.lookup("#pause-countdown").queryAs(Label.class);
        FlowWindow.await(() -> countdown.getText().matches("goes on in 4 min \\d\\d s"));
        robot.clickOn("#resume");
        FlowWindow.await(() -> headline().contains("SUCCESS"));
        assertThat(countdown.isVisible()).isFalse();
    }
}
