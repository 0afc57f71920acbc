package dev.flowbench.flow.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.check.FlowValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rewrite as text before and after (comments and layout kept), what is left to a person, and the quick fix of
 * the checker's problem. Where the result is said to be valid for Kestra 2, kestra-oracle validate (Kestra 2.0.0)
 * said so of the same text.
 */
class Kestra2MigrationTest {

    private static String migrated(String text) {
        return Kestra2Migration.migrate(text).text();
    }

    private static List<Problem> kestra2Errors(String text) {
        return new FlowValidator(KestraVersion.KESTRA_2).validate(text).problems().stream().filter(Problem::isError).toList();
    }

    @Test
    void eachSequentialBecomesASequentialLoopWithItsExpressionsRewritten() {
        String before = """
                id: each
                namespace: company.team
                tasks:
                  # one value after another
                  - id: each
                    type: io.kestra.plugin.core.flow.EachSequential
                    value: ["a", "b"]  # the values
                    tasks:
                      - id: show
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ taskrun.value }} #{{ taskrun.iteration }}"
                      - id: again
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ outputs.show[taskrun.value].value }} {{ currentEachOutput(outputs.show).value }}"
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: each
                namespace: company.team
                tasks:
                  # one value after another
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: ["a", "b"]  # the values
                    concurrencyLimit: 1
                    tasks:
                      - id: show
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.value }} #{{ item.index }}"
                      - id: again
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ outputs.show.value }} {{ outputs.show.value }}"
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
    }

    @Test
    void eachParallelKeepsItsConcurrencyAndUnlimitedIsZero() {
        String before = """
                id: each
                namespace: company.team
                tasks:
                  - id: limited
                    type: io.kestra.plugin.core.flow.EachParallel
                    value: '["a", "b"]'
                    concurrent: 2
                    tasks:
                      - id: a
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ taskrun.value }}"
                  - id: unlimited
                    type: io.kestra.plugin.core.flow.EachParallel
                    value: '["a", "b"]'
                    tasks:
                      - id: b
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ parent.taskrun.value }}"
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: each
                namespace: company.team
                tasks:
                  - id: limited
                    type: io.kestra.plugin.core.flow.Loop
                    values: '["a", "b"]'
                    concurrencyLimit: 2
                    tasks:
                      - id: a
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ item.value }}"
                  - id: unlimited
                    type: io.kestra.plugin.core.flow.Loop
                    values: '["a", "b"]'
                    concurrencyLimit: 0
                    tasks:
                      - id: b
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ item.value }}"
                """);
    }

    @Test
    void nestedForEachReadsTheOuterValueAsItemParentAndFlagsOutputsReadAfterTheLoop() {
        String before = """
                id: nested
                namespace: company.team
                tasks:
                  - id: outer
                    type: io.kestra.plugin.core.flow.ForEach
                    values: ["x", "y"]
                    tasks:
                      - id: inner
                        type: io.kestra.plugin.core.flow.ForEach
                        values: ["1", "2"]
                        tasks:
                          - id: pair
                            type: io.kestra.plugin.core.debug.Return
                            format: "{{ parents[0].taskrun.value }}-{{ taskrun.value }}"
                  - id: after
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.pair['x']['1'].value }}"
                """;
        Migrated result = Kestra2Migration.migrate(before);
        assertThat(result.text()).contains("""
                      - id: inner
                        type: io.kestra.plugin.core.flow.Loop
                        values: ["1", "2"]
                        concurrencyLimit: 1
                        tasks:
                          - id: pair
                            type: io.kestra.plugin.core.debug.Return
                            format: "{{ item.parent.value }}-{{ item.value }}"
                """);
        assertThat(result.manual()).singleElement().satisfies(change -> {
            assertThat(change.line()).isEqualTo(19); // in the migrated text
            assertThat(change.message()).contains("outputs.pair is read after Loop inner", "loopOutputs(outputs.inner.outputs");
        });
    }

    @Test
    void echoBecomesLogAndAliasesTheirCurrentNames() {
        String before = """
                id: names
                namespace: company.team
                tasks:
                  - id: hello
                    type: io.kestra.plugin.core.debug.Echo
                    format: hello   # said at INFO
                    level: WARN
                  - id: fail
                    type: io.kestra.core.tasks.executions.Fail
                  - id: sub
                    type: io.kestra.core.tasks.flows.Subflow
                    namespace: company.team
                    flowId: child
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: names
                namespace: company.team
                tasks:
                  - id: hello
                    type: io.kestra.plugin.core.log.Log
                    message: hello   # said at INFO
                    level: WARN
                  - id: fail
                    type: io.kestra.plugin.core.execution.Fail
                  - id: sub
                    type: io.kestra.plugin.core.flow.Subflow
                    namespace: company.team
                    flowId: child
                """);
    }

    @Test
    void inputsTheirIdsAndTypesAndJsonFunctionsTheirNewNames() {
        String before = """
                id: inputs
                namespace: company.team
                inputs:
                  - name: ready   # asked first
                    type: BOOLEAN
                  - id: colour
                    type: ENUM
                    values: [red, blue]
                tasks:
                  - id: show
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ json('{\\"a\\": 1}').a }} {{ inputs | json }}"
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: inputs
                namespace: company.team
                inputs:
                  - id: ready   # asked first
                    type: BOOL
                  - id: colour
                    type: SELECT
                    values: [red, blue]
                tasks:
                  - id: show
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ fromJson('{\\"a\\": 1}').a }} {{ inputs | toJson }}"
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
    }

    @Test
    void localFilesBecomeTheWorkingDirectorysInputAndOutputFiles() {
        String before = """
                id: files
                namespace: company.team
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: write
                        type: io.kestra.plugin.core.storage.LocalFiles
                        inputs:
                          in.txt: hello
                      # the work itself
                      - id: work
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - cp in.txt out.txt
                      - id: collect
                        type: io.kestra.plugin.core.storage.LocalFiles
                        outputs:
                          - out.txt
                  - id: show
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.collect.uris['out.txt'] }}"
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: files
                namespace: company.team
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    inputFiles:
                      in.txt: hello
                    outputFiles:
                      - out.txt
                    tasks:
                      # the work itself
                      - id: work
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands:
                          - cp in.txt out.txt
                  - id: show
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.wd.outputFiles['out.txt'] }}"
                """);
    }

    @Test
    void localFilesCollectingBeforeOtherTasksRunIsLeftToAPerson() {
        String before = """
                id: files
                namespace: company.team
                tasks:
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: collect
                        type: io.kestra.plugin.core.storage.LocalFiles
                        outputs: [a.txt]
                      - id: work
                        type: io.kestra.plugin.core.log.Log
                        message: hi
                """;
        Migrated result = Kestra2Migration.migrate(before);
        assertThat(result.changed()).isFalse();
        assertThat(result.manual()).singleElement()
                .satisfies(change -> assertThat(change.message()).contains("collect collects files before other tasks have run"));
    }

    @Test
    void outputDirBecomesAFileOfTheWorkingDirectoryListedInOutputFiles() {
        String before = """
                id: files
                namespace: company.team
                tasks:
                  - id: sh
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - echo hi > {{ outputDir }}/out.txt   # the report
                      - cp out.txt {{outputDir}}/copy.txt
                """;
        // kestra-oracle (Kestra 2.0) runs the first text to FAILED: "Unable to find `outputDir` used in the expression"
        assertThat(kestra2Errors(before)).extracting(Problem::line).containsExactly(7, 8);
        assertThat(migrated(before)).isEqualTo("""
                id: files
                namespace: company.team
                tasks:
                  - id: sh
                    type: io.kestra.plugin.scripts.shell.Commands
                    outputFiles:
                      - out.txt
                      - copy.txt
                    commands:
                      - echo hi > out.txt   # the report
                      - cp out.txt copy.txt
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
        String unnamed = before.replace("{{outputDir}}/copy.txt", "{{ outputDir }}");
        assertThat(Kestra2Migration.migrate(unnamed).changed()).isFalse();
        assertThat(Kestra2Migration.migrate(unnamed).manual()).isNotEmpty();
    }

    @Test
    void purgeKvsExpiredOnlyBecomesItsBehaviorAndExitsCanceledIsSpeltTheKestra2Way() {
        String before = """
                id: purge
                namespace: company.team
                tasks:
                  - id: purge
                    type: io.kestra.plugin.core.kv.PurgeKV
                    expiredOnly: false
                  - id: stop
                    type: io.kestra.plugin.core.execution.Exit
                    state: CANCELED
                """;
        assertThat(kestra2Errors(before)).extracting(Problem::line).containsExactly(6, 9);
        assertThat(migrated(before)).isEqualTo("""
                id: purge
                namespace: company.team
                tasks:
                  - id: purge
                    type: io.kestra.plugin.core.kv.PurgeKV
                    behavior:
                      type: key
                      expiredOnly: false
                  - id: stop
                    type: io.kestra.plugin.core.execution.Exit
                    state: CANCELLED
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
    }

    @Test
    void pluginDefaultsAreCopiedIntoTheTasksTheyApplyToAndRemoved() {
        String before = """
                id: defaults
                namespace: company.team
                tasks:
                  - id: quiet
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                  - id: loud
                    type: io.kestra.plugin.core.log.Log
                    message: HI
                    level: ERROR   # its own level wins
                  - id: other
                    type: io.kestra.plugin.core.debug.Return
                    format: x
                # defaults for every Log
                pluginDefaults:
                  - type: io.kestra.plugin.core.log
                    values:
                      level: WARN
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: defaults
                namespace: company.team
                tasks:
                  - id: quiet
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                    level: WARN
                  - id: loud
                    type: io.kestra.plugin.core.log.Log
                    message: HI
                    level: ERROR   # its own level wins
                  - id: other
                    type: io.kestra.plugin.core.debug.Return
                    format: x
                # defaults for every Log
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
    }

    @Test
    void runnerProcessBecomesATaskRunnerAndPauseItsDurationAndFollowingTasks() {
        String before = """
                id: runner
                namespace: company.team
                tasks:
                  - id: sh
                    type: io.kestra.plugin.scripts.shell.Commands
                    runner: PROCESS
                    commands: [echo hi]
                  - id: wait
                    type: io.kestra.plugin.core.flow.Pause
                    delay: PT1S
                    tasks:
                      # after the pause
                      - id: resumed
                        type: io.kestra.plugin.core.log.Log
                        message: resumed
                  - id: last
                    type: io.kestra.plugin.core.log.Log
                    message: done
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: runner
                namespace: company.team
                tasks:
                  - id: sh
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands: [echo hi]
                  - id: wait
                    type: io.kestra.plugin.core.flow.Pause
                    pauseDuration: PT1S
                  # after the pause
                  - id: resumed
                    type: io.kestra.plugin.core.log.Log
                    message: resumed
                  - id: last
                    type: io.kestra.plugin.core.log.Log
                    message: done
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
    }

    @Test
    void triggerConditionsBecomeDependsOnAndWhenWhereMechanical() {
        String before = """
                id: listener
                namespace: company.team
                tasks:
                  - id: hi
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                triggers:
                  - id: after-upstream
                    type: io.kestra.plugin.core.trigger.Flow
                    conditions:
                      - type: io.kestra.plugin.core.condition.ExecutionStatus
                        in: [SUCCESS]
                      - type: io.kestra.plugin.core.condition.ExecutionFlow
                        namespace: company.team
                        flowId: upstream
                  - id: hook
                    type: io.kestra.plugin.core.trigger.Webhook
                    key: secret-key
                    conditions:
                      - type: io.kestra.plugin.core.condition.ExpressionCondition
                        expression: "{{ trigger.body.hello == 'world' }}"
                """;
        assertThat(migrated(before)).isEqualTo("""
                id: listener
                namespace: company.team
                tasks:
                  - id: hi
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                triggers:
                  - id: after-upstream
                    type: io.kestra.plugin.core.trigger.Flow
                    dependsOn:
                      - states:
                          - SUCCESS
                        namespace: company.team
                        flowId: upstream
                  - id: hook
                    type: io.kestra.plugin.core.trigger.Webhook
                    when: "{{ trigger.body.hello == 'world' }}"
                    key: secret-key
                """);
        assertThat(kestra2Errors(migrated(before))).isEmpty();
    }

    @Test
    void whatHasNoMechanicalRewriteIsLeftToAPersonWithTheReplacement() {
        String before = """
                id: manual
                namespace: company.team
                tasks:
                  - id: fetch
                    type: io.kestra.plugin.core.log.Fetch
                triggers:
                  - id: both
                    type: io.kestra.plugin.core.trigger.Flow
                    conditions:
                      - type: io.kestra.plugin.core.condition.MultipleCondition
                        window: P1D
                """;
        Migrated result = Kestra2Migration.migrate(before);
        assertThat(result.changed()).isFalse();
        assertThat(result.manual()).extracting(ManualChange::line).containsExactly(5, 9);
        assertThat(result.manual().get(0).message()).contains("io.kestra.plugin.kestra.logs.Fetch");
        assertThat(result.manual().get(1).message()).contains("dependsOn", "MultipleCondition has no mechanical rewrite");
    }

    @Test
    void aKestra2FlowIsCompatibleAndUnchanged() {
        String flow = """
                id: current
                namespace: company.team
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: [a, b]
                    tasks:
                      - id: show
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ item.value }}"
                """;
        assertThat(Kestra2Migration.migrate(flow).compatible()).isTrue();
    }

    @Test
    void aFlowMixingKestra1And2HasOnlyIts1xPartsRewritten() {
        String before = """
                id: mixed
                namespace: company.team
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: [a]
                    tasks:
                      - id: show
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ item.value }}"
                  - id: each
                    type: io.kestra.plugin.core.flow.ForEach
                    values: [b]
                    tasks:
                      - id: old
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ taskrun.value }}"
                """;
        String after = migrated(before);
        assertThat(after).contains("message: \"{{ item.value }}\"\n  - id: each\n    type: io.kestra.plugin.core.flow.Loop");
        assertThat(after).doesNotContain("taskrun.value");
        assertThat(kestra2Errors(after)).isEmpty();
    }

    @Test
    void aRewriteThatCannotBeMadeInPlaceIsLeftToAPersonWithWhyAndTheTextStaysAsItWas() {
        String before = """
                id: inline
                namespace: company.team
                tasks:
                  - {id: wd, type: io.kestra.plugin.core.flow.WorkingDirectory, tasks: [{id: files, type: io.kestra.plugin.core.storage.LocalFiles, inputs: {a.txt: a}}, {id: log, type: io.kestra.plugin.core.log.Log, message: hi}]}
                """;
        Migrated result = Kestra2Migration.migrate(before);
        assertThat(result.text()).isEqualTo(before);
        assertThat(result.manual()).anySatisfy(change -> assertThat(change.message())
                .contains("Move LocalFiles into wd's inputFiles and outputFiles: Flowbench cannot do it here", "one line"));
    }

    @Test
    void textThatIsNotYamlIsNeverRewritten() {
        Migrated result = Kestra2Migration.migrate("id: broken\ntasks: [\n");
        assertThat(result.changed()).isFalse();
        assertThat(result.manual()).isNotEmpty();
        assertThat(result.manual().get(0).message()).contains("YAML");
    }

    @Test
    void everyKestra1ProblemWithAMechanicalRewriteCarriesItAsItsQuickFix() {
        String text = """
                id: fixes
                namespace: company.team
                pluginDefaults:
                  - type: io.kestra.plugin.core.log.Log
                    values:
                      level: WARN
                tasks:
                  - id: echo
                    type: io.kestra.plugin.core.debug.Echo
                    format: hi
                  - id: sh
                    type: io.kestra.plugin.scripts.shell.Commands
                    runner: PROCESS
                    commands: [ls]
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: files
                        type: io.kestra.plugin.core.storage.LocalFiles
                        inputs:
                          a.txt: a
                      - id: cat
                        type: io.kestra.plugin.scripts.shell.Commands
                        commands: [cat a.txt]
                triggers:
                  - id: hook
                    type: io.kestra.plugin.core.trigger.Webhook
                    key: k
                    conditions:
                      - type: io.kestra.plugin.core.condition.ExpressionCondition
                        expression: "{{ true }}"
                """;
        var loaded = Kestra2Migration.withFixes(new FlowValidator(KestraVersion.KESTRA_2).validate(text));
        assertThat(loaded.problems()).filteredOn(p -> p.fix() != null).extracting(Problem::line, Problem::fixTitle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "Copy pluginDefaults into the tasks"),
                        org.assertj.core.groups.Tuple.tuple(9, "Rewrite Echo as Log"),
                        org.assertj.core.groups.Tuple.tuple(13, "Write taskRunner: Process"),
                        org.assertj.core.groups.Tuple.tuple(19, "Move LocalFiles into wd's inputFiles and outputFiles"),
                        org.assertj.core.groups.Tuple.tuple(29, "Write the conditions as when"));
        String fixedAll = text;
        for (int round = 0; round < 10; round++) {
            var problems = Kestra2Migration.withFixes(new FlowValidator(KestraVersion.KESTRA_2).validate(fixedAll)).problems();
            var next = problems.stream().filter(p -> p.fix() != null).findFirst();
            if (next.isEmpty()) {
                break;
            }
            Problem.QuickFix fix = next.get().fix();
            fixedAll = fixedAll.substring(0, fix.start()) + fix.text() + fixedAll.substring(fix.end());
        }
        assertThat(fixedAll).as("one quick fix after another gives what migrate gives").isEqualTo(migrated(text));
        assertThat(kestra2Errors(fixedAll)).isEmpty();
    }

    @Test
    void aKestra2FlowIsCheckedWithoutMakingAPlan() {
        var loaded = new FlowValidator(KestraVersion.KESTRA_2).validate("""
                id: fine
                namespace: company.team
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: hi
                """);
        assertThat(Kestra2Migration.withFixes(loaded)).isSameAs(loaded);
    }

    @Test
    void theCheckersProblemFindsItsQuickFixWhichRewritesOnlyThatConstruct() {
        String text = """
                id: fix
                namespace: company.team
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.ForEach
                    values: [a]
                    tasks:
                      - id: show
                        type: io.kestra.plugin.core.debug.Echo
                        format: "{{ taskrun.value }}"
                """;
        Problem forEach = kestra2Errors(text).stream().filter(p -> p.line() == 5).findFirst().orElseThrow();
        Rewrite fix = Kestra2Migration.fixAt(text, forEach.range()).orElseThrow();
        assertThat(fix.title()).isEqualTo("Rewrite ForEach as Loop");
        String fixed = fix.edit().applyTo(text);
        assertThat(fixed).contains("type: io.kestra.plugin.core.flow.Loop", "concurrencyLimit: 1", "{{ item.value }}",
                "type: io.kestra.plugin.core.debug.Echo");
    }
}
