package dev.flowbench.flow.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Kestra 2.0's own test flows (io.kestra:core:2.0.0, classifier tests): every valid one loads without an error
 * (warnings allowed: tasks and functions Flowbench does not run yet), and the invalid ones are rejected.
 */
class KestraTestFlowsTest {

    private static final Pattern TYPE = Pattern.compile("type: ?\"?([\\w.$]+)");

    /**
     * Valid flows whose errors are explained, each with why: Kestra saves them and they fail when run, they name a
     * plugin only Kestra's tests have, or Kestra keeps them in its valids folder for a test of its own.
     */
    private static final Map<String, String> TRUE_ERRORS = Map.ofEntries(
            Map.entry("flows/valids/flowable-with-parent-fail.yaml", "a {% %} tag inside {{ }}: Pebble cannot parse it"),
            Map.entry("flows/valids/alias-task.yaml", "the alias a test plugin of Kestra declares (test.task.Alias)"),
            Map.entry("flows/valids/alias-trigger.yaml", "the alias a test trigger of Kestra declares"),
            Map.entry("flows/valids/invalid-draft-flow.yaml", "a draft with no tasks: Kestra saves drafts it would refuse"),
            Map.entry("flows/valids/secrets.yaml", "json(), which Kestra 2.0 removed: the run fails"),
            Map.entry("flows/valids/webhook.yaml", "| json, which Kestra 2.0 removed: the run fails"),
            Map.entry("flows/valids/webhook-disabled.yaml", "| json"),
            Map.entry("flows/valids/webhook-dynamic-key.yaml", "| json"),
            Map.entry("flows/valids/webhook-no-body.yaml", "| json"),
            Map.entry("flows/valids/webhook-secret-key.yaml", "| json"),
            Map.entry("flows/valids/webhook-store-body.yaml", "| json"),
            Map.entry("flows/valids/webhook-with-condition.yaml", "| json"));

    /** Invalid flows Kestra keeps there because they fail when run, not when saved. */
    private static final List<String> FAIL_WHEN_RUN = List.of(
            "flows/invalids/inputs-with-multiple-constraint-violations.yaml",
            "flows/invalids/loop-switch-failed.yaml");

    private final FlowValidator validator = new FlowValidator();

    @Test
    void everyValidFlowOfKestra20LoadsWithoutAnErrorAndTheInvalidOnesAreRejected() throws IOException {
        try (JarFile jar = testsJar()) {
            Map<String, List<Problem>> wrong = new LinkedHashMap<>();
            int valids = 0;
            int invalids = 0;
            List<String> accepted = new ArrayList<>();
            for (var entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.matches("flows/(valids|invalids)/[^/]+\\.ya?ml")) {
                    continue;
                }
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                LoadedFlow loaded = validator.validate(text);
                if (name.startsWith("flows/valids/")) {
                    valids++;
                    List<Problem> errors = loaded.problems().stream().filter(Problem::isError)
                            .filter(p -> !isKestraTestClass(jar, typeAt(text, p))).toList();
                    if (!errors.isEmpty() && !TRUE_ERRORS.containsKey(name)) {
                        wrong.put(name, errors);
                    }
                } else {
                    invalids++;
                    if (!loaded.hasErrors()) {
                        accepted.add(name);
                    }
                }
            }
            assertThat(valids).isEqualTo(334);
            assertThat(invalids).isEqualTo(28);
            assertThat(wrong).as("valid flows with errors").isEmpty();
            assertThat(accepted).as("invalid flows accepted").containsExactlyInAnyOrderElementsOf(FAIL_WHEN_RUN);
        }
    }

    /** The type written on the line of a problem, if any. */
    private static String typeAt(String text, Problem problem) {
        String[] lines = text.split("\n", -1);
        int index = problem.line() - 1;
        if (index < 0 || index >= lines.length) {
            return "";
        }
        Matcher matcher = TYPE.matcher(lines[index]);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** Types Kestra's tests define for themselves (io.kestra.core.tasks.test.DynamicTask): in no Kestra server. */
    private static boolean isKestraTestClass(JarFile jar, String type) {
        return !type.isEmpty() && jar.getEntry(type.replace('.', '/') + ".class") != null;
    }

    private static JarFile testsJar() throws IOException {
        URL flows = KestraTestFlowsTest.class.getClassLoader().getResource("flows/valids/minimal.yaml");
        assertThat(flows).as("io.kestra:core:2.0.0:tests on the test class path").isNotNull();
        return ((JarURLConnection) flows.openConnection()).getJarFile();
    }
}
