package dev.flowbench.ui.app;

import dev.flowbench.flow.check.FlowValidator;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Loads and exercises what the first flow opened needs, on a thread of its own while the window is being built:
 * the code area's classes (a node may be made off the FX thread while it is in no scene) and the validator (YAML
 * parser, JSON Schema, Pebble), so that opening and checking that flow does not pay for class loading first.
 */
final class Warmup {

    private static final String FLOW = """
            id: warmup
            namespace: flowbench.warmup
            tasks:
              - id: wd
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [deps/**]
                  ttl: PT1H
                tasks:
                  - id: run
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: ["echo {{ flow.id }}"]
            """;

    private Warmup() {
    }

    /** About 550 lines of the kinds of tasks flows hold, so that the validator's paths are compiled, not just loaded. */
    private static String larger() {
        StringBuilder text = new StringBuilder(FLOW);
        for (int i = 0; i < 40; i++) {
            text.append("""
                      - id: step_%1$d
                        type: io.kestra.plugin.scripts.python.Script
                        timeout: PT10M
                        env:
                          STEP: "%1$d"
                        beforeCommands:
                          - pip install requests
                        script: |
                          print("{{ inputs.name ?? 'x' }} %1$d")
                      - id: log_%1$d
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ outputs.run.vars.value }} %1$d"
                    """.formatted(i));
        }
        return text.toString();
    }

    static void start() {
        Thread thread = new Thread(() -> {
            CodeArea area = new CodeArea(FLOW);
            area.setParagraphGraphicFactory(LineNumberFactory.get(area));
            area.setStyleSpans(0, new StyleSpansBuilder<Collection<String>>().add(List.of("yaml-key"), FLOW.length()).create());
            FlowValidator validator = new FlowValidator();
            String larger = larger();
            for (int i = 0; i < 4; i++) {
                validator.validate(larger);
            }
        }, "flowbench-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
