package dev.flowbench.flow.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.flow.edit.EditResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The task form over a flow's text: each kind of field reads what the text holds, and writing it back changes only
 * that property, byte for byte elsewhere (comments, quotes, the other list's flow style), and the flow still validates.
 */
class TaskFormsTest {

    static final String FLOW = """
            id: formed
            namespace: company.team
            tasks:
              # the cached tree
              - id: build
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns:
                    - deps/**   # kept
                  ttl: PT1H
                tasks:
                  - id: install
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands: [echo one, "echo two"]
                    allowFailure: false
                  - id: use
                    type: io.kestra.plugin.scripts.python.Script
                    script: |
                      # part of the script
                      print("hi")
              # done
              - id: report
                type: io.kestra.plugin.core.log.Log
                message: done
            """;

    private final TaskForms forms = new TaskForms(FlowSchema.get());
    private final FlowValidator validator = new FlowValidator();

    private TaskForm form(String text, String taskId) {
        return forms.read(validator.validate(text), taskId).orElseThrow();
    }

    private FormField field(String text, String taskId, String name) {
        return form(text, taskId).field(name).orElseThrow().spec();
    }

    /** Writes the field and checks the flow still validates; returns the new text. */
    private String write(String text, String taskId, String name, Object value) {
        EditResult result = forms.edit(text, taskId, field(text, taskId, name), value);
        assertThat(result).as(String.valueOf(result)).isInstanceOf(EditResult.Applied.class);
        String edited = result.applyTo(text);
        LoadedFlow loaded = validator.validate(edited);
        assertThat(loaded.problems()).as(edited).noneMatch(p -> p.isError());
        return edited;
    }

    @Test
    void eachKindOfFieldReadsWhatTheTextHolds() {
        TaskForm install = form(FLOW, "install");
        assertThat(install.known()).isTrue();
        assertThat(install.field("id").orElseThrow().value()).isEqualTo(new FieldValue.Text("install"));
        assertThat(install.field("commands").orElseThrow().value()).isEqualTo(new FieldValue.Items(List.of("echo one", "echo two")));
        assertThat(install.field("taskRunner-type").orElseThrow().value())
                .isEqualTo(new FieldValue.Text("io.kestra.plugin.core.runner.Process"));
        assertThat(install.field("allowFailure").orElseThrow().value()).isEqualTo(new FieldValue.Flag(false));
        assertThat(install.field("timeout").orElseThrow().value().isSet()).isFalse();

        TaskForm build = form(FLOW, "build");
        assertThat(build.field("cache-patterns").orElseThrow().value()).isEqualTo(new FieldValue.Items(List.of("deps/**")));
        assertThat(build.field("cache-ttl").orElseThrow().value()).isEqualTo(new FieldValue.Text("PT1H"));
        assertThat(build.fields()).noneMatch(f -> f.spec().name().equals("tasks"));
        assertThat(form(FLOW, "use").field("script").orElseThrow().value())
                .isEqualTo(new FieldValue.Text("# part of the script\nprint(\"hi\")\n"));
    }

    @Test
    void theFieldsAreTypedByTheSchema() {
        TaskFormSchema schema = new TaskFormSchema(FlowSchema.get());
        List<FormField> commands = schema.fieldsOf("io.kestra.plugin.scripts.shell.Commands");
        assertThat(commands.get(0).name()).isEqualTo("id");
        assertThat(commands).filteredOn(f -> f.name().equals("commands")).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FieldKind.LIST)).satisfies(f -> assertThat(f.required()).isTrue());
        assertThat(commands).filteredOn(f -> f.name().equals("taskRunner-type")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FieldKind.CHOICE);
            assertThat(f.choices()).contains("io.kestra.plugin.core.runner.Process");
            assertThat(f.removePath()).containsExactly("taskRunner");
        });
        assertThat(commands).filteredOn(f -> f.name().equals("timeout")).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FieldKind.DURATION));
        assertThat(commands).filteredOn(f -> f.name().equals("failFast")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FieldKind.FLAG);
            assertThat(f.defaultValue()).isEqualTo(true);
        });
        assertThat(commands).filteredOn(f -> f.name().equals("logLevel")).singleElement()
                .satisfies(f -> assertThat(f.choices()).containsExactlyInAnyOrder("TRACE", "DEBUG", "INFO", "WARN", "ERROR"));
        assertThat(commands).filteredOn(f -> f.name().equals("env")).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FieldKind.IN_TEXT));
        assertThat(commands).filteredOn(f -> f.name().equals("logToFile")).singleElement()
                .satisfies(f -> assertThat(f.advanced()).as("a Kestra server option").isTrue());
        assertThat(schema.fieldsOf("io.kestra.plugin.scripts.python.Script")).filteredOn(f -> f.name().equals("script"))
                .singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(FieldKind.SCRIPT));
        assertThat(TaskFormSchema.label("allowFailure")).isEqualTo("Allow failure");
        assertThat(TaskFormSchema.label("targetOS")).isEqualTo("Target OS");
        assertThat(TaskFormSchema.label("ttl")).isEqualTo("TTL");
    }

    @Test
    void aTextFieldChangesItsValueInPlaceAndANewOneTakesTheTasksIndentation() {
        String renamed = write(FLOW, "report", "message", "all done: {{ execution.id }}");
        assertThat(renamed).isEqualTo(FLOW.replace("message: done", "message: \"all done: {{ execution.id }}\""));

        String described = write(FLOW, "report", "description", "Says it is done");
        assertThat(described).isEqualTo(FLOW.replace("    message: done\n", "    message: done\n    description: Says it is done\n"));
        assertThat(form(described, "report").field("description").orElseThrow().value())
                .isEqualTo(new FieldValue.Text("Says it is done"));
    }

    @Test
    void aListChangesItemByItemInItsOwnStyle() {
        String patterns = write(FLOW, "build", "cache-patterns", List.of("deps/**", "out/*.txt"));
        assertThat(patterns).contains("        - deps/**   # kept\n        - out/*.txt\n");
        String commands = write(FLOW, "install", "commands", List.of("echo one", "echo three"));
        assertThat(commands).as("an item changed in place keeps its quotes").contains("commands: [echo one, \"echo three\"]");
        assertThat(commands.replace("commands: [echo one, \"echo three\"]", "commands: [echo one, \"echo two\"]")).isEqualTo(FLOW);
        String fewer = write(FLOW, "install", "commands", List.of("echo two"));
        assertThat(fewer).isEqualTo(FLOW.replace("commands: [echo one, \"echo two\"]", "commands: [\"echo two\"]"));
    }

    @Test
    void aScriptIsWrittenAsABlockLiteral() {
        String script = write(FLOW, "use", "script", "import sys\nprint(sys.argv)\n");
        assertThat(script).contains("        script: |\n          import sys\n          print(sys.argv)\n  # done\n");
        assertThat(form(script, "use").field("script").orElseThrow().value())
                .isEqualTo(new FieldValue.Text("import sys\nprint(sys.argv)\n"));
    }

    @Test
    void durationsFlagsAndChoicesRoundTrip() {
        String ttl = write(FLOW, "build", "cache-ttl", "P1D");
        assertThat(ttl).isEqualTo(FLOW.replace("ttl: PT1H", "ttl: P1D"));
        String flag = write(FLOW, "install", "allowFailure", true);
        assertThat(flag).isEqualTo(FLOW.replace("allowFailure: false", "allowFailure: true"));
        String level = write(FLOW, "install", "logLevel", "WARN");
        assertThat(form(level, "install").field("logLevel").orElseThrow().value()).isEqualTo(new FieldValue.Text("WARN"));
        String timeout = write(FLOW, "install", "timeout", "PT10M");
        assertThat(form(timeout, "install").field("timeout").orElseThrow().value()).isEqualTo(new FieldValue.Text("PT10M"));
        String runner = write(FLOW, "use", "taskRunner-type", "io.kestra.plugin.core.runner.Process");
        assertThat(runner).contains("        taskRunner:\n          type: io.kestra.plugin.core.runner.Process\n");
    }

    @Test
    void clearingAFieldRemovesItsPropertyAndKeepsTheComments() {
        String noRunner = write(FLOW, "install", "taskRunner-type", null);
        assertThat(noRunner).doesNotContain("taskRunner").isEqualTo(FLOW.replace(
                "        taskRunner:\n          type: io.kestra.plugin.core.runner.Process\n", ""));
        String noTtl = write(FLOW, "build", "cache-ttl", null);
        assertThat(noTtl).isEqualTo(FLOW.replace("      ttl: PT1H\n", ""));
        assertThat(noTtl).contains("# the cached tree", "# kept", "# done", "# part of the script");
    }

    @Test
    void aSeriesOfFormEditsChangesOnlyWhatTheyEditByteForByte() {
        String text = FLOW;
        text = write(text, "build", "cache-ttl", "PT2H");
        text = write(text, "install", "allowFailure", true);
        text = write(text, "install", "commands", List.of("echo one", "echo two", "echo three"));
        text = write(text, "report", "message", "finished");
        text = write(text, "use", "timeout", "PT5M");
        String expected = FLOW.replace("ttl: PT1H", "ttl: PT2H").replace("allowFailure: false", "allowFailure: true")
                .replace("commands: [echo one, \"echo two\"]", "commands: [echo one, \"echo two\", echo three]")
                .replace("message: done", "message: finished")
                .replace("          print(\"hi\")\n", "          print(\"hi\")\n        timeout: PT5M\n");
        assertThat(text).isEqualTo(expected);
    }

    @Test
    void aFieldSaysWhatIsWrongBeforeItIsWritten() {
        FormField ttl = field(FLOW, "build", "cache-ttl");
        assertThat(forms.check(ttl, "soon", List.of())).hasValueSatisfying(m -> assertThat(m).contains("ISO-8601"));
        assertThat(forms.check(ttl, "PT90S", List.of())).isEmpty();
        assertThat(forms.preview(ttl, "PT90S")).contains("1 minute 30 seconds");
        FormField id = field(FLOW, "build", "id");
        assertThat(forms.check(id, "report", List.of("report", "use"))).hasValueSatisfying(m -> assertThat(m).contains("already"));
        assertThat(forms.check(id, "has space", List.of())).isPresent();
        assertThat(forms.check(id, " ", List.of())).hasValue("ID is required");
    }

    @Test
    void theValidatorsProblemsGoToTheirFields() {
        String wrong = FLOW.replace("ttl: PT1H", "ttl: soon");
        TaskForm build = form(wrong, "build");
        assertThat(build.field("cache-ttl").orElseThrow().problems()).isNotEmpty();
        assertThat(build.field("cache-patterns").orElseThrow().problems()).isEmpty();
        assertThat(build.problems()).as("none left to the task").isEmpty();
    }

    @Test
    void aPluginFlowbenchDoesNotRunShowsItsOwnKeysToEditInTheText() {
        String plugin = FLOW.replace("""
                  - id: report
                    type: io.kestra.plugin.core.log.Log
                    message: done
                """, """
                  - id: fetch
                    type: io.kestra.plugin.jdbc.postgresql.Query
                    uri: https://example.com
                    headers:
                      accept: text/plain
                """);
        TaskForm fetch = form(plugin, "fetch");
        assertThat(fetch.known()).isFalse();
        assertThat(fetch.field("uri").orElseThrow().spec().kind()).isEqualTo(FieldKind.IN_TEXT);
        assertThat(fetch.field("headers").orElseThrow().value()).isEqualTo(new FieldValue.InText("a map of 1 entry"));
        assertThat(fetch.field("timeout").orElseThrow().spec().kind()).isEqualTo(FieldKind.DURATION);
    }

    @Test
    void aKestraCoreTaskHasTheFormKestrasSchemaDescribes() {
        String request = FLOW.replace("""
                  - id: report
                    type: io.kestra.plugin.core.log.Log
                    message: done
                """, """
                  - id: fetch
                    type: io.kestra.plugin.core.http.Request
                    uri: https://example.com
                """);
        TaskForm fetch = form(request, "fetch");
        assertThat(fetch.known()).isTrue();
        assertThat(fetch.typeDoc()).hasValueSatisfying(doc -> assertThat(doc).containsIgnoringCase("HTTP"));
        assertThat(fetch.field("uri").orElseThrow().spec().kind()).isEqualTo(FieldKind.TEXT);
        assertThat(fetch.field("uri").orElseThrow().value()).isEqualTo(new FieldValue.Text("https://example.com"));
        assertThat(fetch.field("method").orElseThrow().spec().defaultValue()).isEqualTo("GET");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(DurationText.readable(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(DurationText.readable(Duration.ofHours(26))).isEqualTo("1 day 2 hours");
        assertThat(DurationText.readable(Duration.ofSeconds(90))).isEqualTo("1 minute 30 seconds");
        assertThat(DurationText.readable(Duration.ofMillis(1500))).isEqualTo("1 second 500 milliseconds");
        assertThat(DurationText.readable(Duration.ZERO)).isEqualTo("no time");
    }
}
