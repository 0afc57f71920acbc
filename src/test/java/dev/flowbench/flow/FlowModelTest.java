package dev.flowbench.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.check.FlowValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowModelTest {

    private static Flow load(String text) {
        LoadedFlow loaded = new FlowValidator().validate(text);
        assertThat(loaded.model()).isPresent();
        return loaded.flow();
    }

    @Test
    void theSeedsPythonExampleReadsIntoTypedTasks() throws Exception {
        Flow flow = load(Files.readString(Path.of("sample-flows/python_cached_dependencies.yml")));
        assertThat(flow.id()).isEqualTo("python_cached_dependencies");
        assertThat(flow.namespace()).isEqualTo("company.team");
        WorkingDirectoryTask wd = (WorkingDirectoryTask) flow.tasks().get(0);
        CacheSpec cache = wd.cache().orElseThrow();
        assertThat(cache.patterns()).containsExactly("venv/**");
        assertThat(cache.ttl()).isEqualTo("PT24H");
        assertThat(IsoDuration.parse(cache.ttl())).hasValue(java.time.Duration.ofHours(24));
        assertThat(IsoDuration.parse("30")).as("a whole number is seconds, as Kestra reads it").hasValue(java.time.Duration.ofSeconds(30));

        ScriptTask script = (ScriptTask) wd.tasks().get(0);
        assertThat(script.language()).isEqualTo(ScriptLanguage.PYTHON);
        assertThat(script.form()).isEqualTo(ScriptTask.Form.SCRIPT);
        assertThat(script.beforeCommands()).containsExactly("python -m venv venv", "source venv/bin/activate", "pip install pandas");
        assertThat(script.script()).startsWith("import pandas as pd\n");
        assertThat(script.warningOnStdErr()).isFalse();
        assertThat(script.failFast()).isTrue();
        assertThat(script.runnerType()).isEqualTo(TaskTypes.PROCESS_RUNNER);
        assertThat(flow.allTasks()).extracting(Task::id).containsExactly("working_dir", "python_script");
    }

    @Test
    void inputsVariablesLabelsAndHandlersAreRead() throws Exception {
        Flow flow = load(Files.readString(Path.of("sample-flows/inputs_and_outputs.yml")));
        assertThat(flow.inputs()).extracting(Input::id).containsExactly("name", "repeat", "shout", "greeting");
        Input repeat = flow.inputs().get(1);
        assertThat(repeat.type()).isEqualTo("INT");
        assertThat(repeat.defaults()).isEqualTo(2L);
        assertThat(repeat.required()).isTrue();
        assertThat(flow.inputs().get(3).values()).containsExactly("Hello", "Bonjour", "Hola");
        assertThat(flow.variables()).containsEntry("separator", ", ");
        ScriptTask compose = (ScriptTask) flow.tasks().get(0);
        assertThat(compose.env()).containsEntry("NAME", "{{ inputs.name }}");

        Flow handlers = load(Files.readString(Path.of("sample-flows/errors_and_finally.yml")));
        assertThat(handlers.errors()).extracting(Task::id).containsExactly("on_error");
        assertThat(handlers.finallyTasks()).extracting(Task::id).containsExactly("cleanup");
        assertThat(handlers.tasks().get(0).header().allowFailure()).isTrue();
        assertThat(((LogTask) handlers.errors().get(0)).level()).isEqualTo("ERROR");
    }

    @Test
    void legacyAliasesAndFlowablesKeepTheirNestedTasksByBranch() {
        Flow flow = load("""
                id: f
                namespace: n
                labels: [{key: team, value: data}]
                tasks:
                  - id: wd
                    type: io.kestra.core.tasks.flows.WorkingDirectory
                    tasks:
                      - id: files
                        type: io.kestra.core.tasks.storages.LocalFiles
                        inputs: {a.txt: hello}
                        outputs: ["*.txt"]
                  - id: branch
                    type: io.kestra.plugin.core.flow.If
                    condition: "{{ true }}"
                    then: [{id: yes_branch, type: io.kestra.plugin.core.log.Log, message: y}]
                    else: [{id: no_branch, type: io.kestra.plugin.core.log.Log, message: n}]
                """);
        assertThat(flow.labels()).isEqualTo(Map.of("team", "data"));
        WorkingDirectoryTask wd = (WorkingDirectoryTask) flow.tasks().get(0);
        assertThat(wd.type()).isEqualTo(TaskTypes.WORKING_DIRECTORY);
        assertThat(wd.header().type()).isEqualTo("io.kestra.core.tasks.flows.WorkingDirectory");
        assertThat(wd.cache()).isEmpty();
        LocalFilesTask files = (LocalFilesTask) wd.tasks().get(0);
        assertThat(files.inputs()).containsEntry("a.txt", "hello");
        assertThat(files.outputs()).isEqualTo(List.of("*.txt"));
        FlowableTask branch = (FlowableTask) flow.tasks().get(1);
        assertThat(branch.kind()).isEqualTo(FlowableTask.Kind.IF);
        assertThat(branch.children()).extracting(Task::id).containsExactly("yes_branch", "no_branch");
        assertThat(branch.branch("then")).extracting(Task::id).containsExactly("yes_branch");
        assertThat(branch.branch("else")).extracting(Task::id).containsExactly("no_branch");
        assertThat(flow.allTasks()).extracting(Task::id).containsExactly("wd", "files", "branch", "yes_branch", "no_branch");
    }

    @Test
    void taskRangesPointAtTheirSource() {
        String text = "id: f\nnamespace: n\ntasks:\n  - id: only\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
        Task task = load(text).tasks().get(0);
        assertThat(task.range().start().line()).isEqualTo(4);
        SourceRange id = task.header().source().valueRange("id");
        assertThat(text.substring(id.start().offset(), id.end().offset())).isEqualTo("only");
    }
}
