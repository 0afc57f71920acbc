package dev.flowbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Typing into the editor as a user types: what the keys do to the flow is what the user meant. */
class EditorTypingTest {

    private static final String FLOW = """
            id: typed
            namespace: company.team
            tasks:
              - id: install
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - mkdir -p deps
            """;

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private final FlowWindow window = new FlowWindow();
    private final FxRobot robot = window.robot;

    @BeforeEach
    void start() throws Exception {
        window.open(home, flows, "typed.yml", FLOW, "install");
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private CodeArea editor() {
        return window.editor();
    }

    /** The caret after {@code text} in the editor, the editor focused. */
    private void caretAfter(String text) {
        int at = editor().getText().indexOf(text) + text.length();
        robot.interact(() -> {
            editor().requestFocus();
            editor().moveTo(at);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void enterAfterACommandStartsTheNextCommandInsteadOfFoldingThemIntoOne() throws Exception {
        caretAfter("- mkdir -p deps");
        robot.type(KeyCode.ENTER).write("npm ci").type(KeyCode.ENTER).write("echo done");
        FlowWindow.await(() -> editor().getText().endsWith("""
                      - mkdir -p deps
                      - npm ci
                      - echo done
                """));
        robot.type(KeyCode.ENTER).type(KeyCode.ENTER); // Enter on the empty item ends the list
        FlowWindow.await(() -> editor().getText().endsWith("      - echo done\n      \n"));
    }

    /** The Problems list's rows as shown ("line:column  message"). */
    private java.util.List<String> problems() {
        return robot.lookup("#problems .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(javafx.scene.control.ListCell::getText).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void aTypoInATaskTypeIsAnErrorWithTheTypeMeantAndAPluginTaskAWarningSayingWhereItRuns() throws Exception {
        caretAfter("shell.Comm");
        robot.type(KeyCode.BACK_SPACE); // shell.Comands
        FlowWindow.await(() -> problems().stream().anyMatch(p -> p.contains("'io.kestra.plugin.scripts.shell.Comands' is not a task"
                + " of its plugin") && p.contains("did you mean 'io.kestra.plugin.scripts.shell.Commands'?")));
        javafx.scene.control.Label errors = robot.lookup("#status-errors").queryAs(javafx.scene.control.Label.class);
        assertThat(errors.getText()).isEqualTo("1");

        int start = editor().getText().indexOf("io.kestra.plugin.scripts.shell.Comands");
        robot.interact(() -> editor().selectRange(start, start + "io.kestra.plugin.scripts.shell.Comands".length()));
        robot.write("banana");
        FlowWindow.await(() -> problems().stream().anyMatch(p -> p.contains("'banana' is not a Kestra task type")));

        robot.interact(() -> editor().selectRange(start, start + "banana".length()));
        robot.write("io.kestra.plugin.aws.s3.Upload");
        FlowWindow.await(() -> problems().stream().anyMatch(p -> p.contains("is a plugin task that runs on a Kestra server with"
                + " its plugin, not here")) && errors.getText().equals("0"));
    }
}
