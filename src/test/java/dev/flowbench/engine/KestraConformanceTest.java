package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.flow.LoadedFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flowbench runs Kestra 2.0's own core test flows as Kestra 2.0 ran them: for every flow Kestra ran
 * (kestra-2.0-runs.jsonl, recorded by tools/kestra-conformance/record) that Flowbench can run, the execution's final
 * state and every task run's state, under the same parent, are Kestra's; the few that still differ are listed with
 * why, and a listed flow that comes to agree fails the test until it is taken off the list.
 */
class KestraConformanceTest {

    private static final String RUNS = "/dev/flowbench/engine/kestra-2.0-runs.jsonl";

    /** Flows Flowbench runs otherwise than Kestra 2.0 did, each with why. */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.ofEntries(
            Map.entry("retry-new-execution-flow-attempts.yml", "retry `behavior: CREATE_NEW_EXECUTION`: Flowbench retries the task"
                    + " in place; Kestra ends the execution RETRIED and starts a new one"),
            Map.entry("retry-new-execution-flow-duration.yml", "retry `behavior: CREATE_NEW_EXECUTION`, as above"),
            Map.entry("retry-new-execution-task-attempts.yml", "retry `behavior: CREATE_NEW_EXECUTION`, as above"),
            Map.entry("retry-new-execution-task-duration.yml", "retry `behavior: CREATE_NEW_EXECUTION`, as above"),
            Map.entry("retry-with-flowable-errors.yaml", "an AllowFailure retried after its errors ran: both end SUCCESS,"
                    + " its failed child at its second attempt; Kestra drops the errors' task run (incr_counter) when it"
                    + " retries, Flowbench keeps it in the history"),
            Map.entry("working-directory-invalid-runif.yaml", "a runIf that cannot be rendered inside a WorkingDirectory: Kestra"
                    + " fails the WorkingDirectory with no run of that task, Flowbench records the task's run FAILED"));

    /** Flows not run here, each with why. */
    private static final Map<String, String> NOT_COMPARED = Map.ofEntries(
            Map.entry("flow-concurrency-sla-assert-cancel.yml", "a flow's `sla` is not enforced here (its run would sleep)"),
            Map.entry("flow-concurrency-sla-fail-child.yml", "a flow's `sla` is not enforced here (its run sleeps 10 minutes)"),
            Map.entry("sla-max-duration-fail.yaml", "a flow's `sla` is not enforced here"),
            Map.entry("sla-subflow.yaml", "a flow's `sla` is not enforced here"),
            Map.entry("sla-parent-flow.yaml", "its Subflow's child has an `sla`, not enforced here"),
            Map.entry("flow-concurrency-sla-fail-parent.yml", "its Subflow's child has an `sla`, not enforced here (it sleeps)"));

    @TempDir
    Path home;

    @Test
    void flowsKestraRanEndAsKestraEndedThem() throws Exception {
        Map<String, String> differences = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String> agreeing = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> notRunnable = new ArrayList<>();
        // many of these flows sleep: they run side by side, a few at a time, each in an engine of its own
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
        for (JsonNode record : records()) {
            String file = record.path("file").asText();
            if (!"ran".equals(record.path("status").asText()) || NOT_COMPARED.containsKey(file)) {
                continue;
            }
            Optional<Flow> flow = runnable(file);
            if (flow.isEmpty()) {
                notRunnable.add(file);
                continue;
            }
            runs.add(runner.submit(() -> {
                compare(file, flow.get(), record).ifPresentOrElse(why -> differences.put(file, why), () -> agreeing.add(file));
                return null;
            }));
        }
        try {
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            runner.shutdownNow();
        }
        System.out.println("conformance: " + agreeing.size() + " agree, " + differences.size() + " differ, " + notRunnable.size()
                + " not runnable here, " + NOT_COMPARED.size() + " not compared");
        differences.forEach((file, why) -> System.out.println("  differs: " + file + ": " + why));
        Map<String, String> unexplained = new LinkedHashMap<>(differences);
        unexplained.keySet().removeAll(KNOWN_DIFFERENCES.keySet());
        assertThat(unexplained).as("flows run otherwise than Kestra 2.0 ran them").isEmpty();
        assertThat(KNOWN_DIFFERENCES.keySet()).as("listed as differing but now agreeing: take them off the list")
                .allMatch(differences::containsKey);
        assertThat(agreeing).as("flows compared").hasSizeGreaterThanOrEqualTo(241);
    }

    /** How Flowbench's run of {@code file} differs from Kestra's {@code record}, if it does. */
    private Optional<String> compare(String file, Flow flow, JsonNode record) throws Exception {
        EngineFixture engine = new EngineFixture(home.resolve(file), KestraConformanceTest::kestraFlow);
        Execution execution = engine.start(flow, Map.of());
        ExecutionResult result;
        try {
            result = execution.await(Duration.ofSeconds(60));
            engine.awaitChildren(Duration.ofSeconds(30)); // a Subflow that does not wait: Kestra's record has the child's end
        } catch (java.util.concurrent.TimeoutException e) {
            execution.cancel();
            return Optional.of("Flowbench did not end it within 60 s; " + engine.taskRuns());
        }
        List<String> expected = expectedRuns(record);
        List<String> actual = engine.taskRuns();
        String kestraState = record.path("state").asText();
        if (kestraState.equals(result.state().name()) && expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of("Kestra " + kestraState + " " + expected + "; Flowbench " + result.state() + " " + actual);
    }

    /** Kestra's test flows by namespace and id, for the Subflows among them (as kestra-oracle run-many loads them all). */
    private static final Map<String, Flow> KESTRA_FLOWS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Optional<Flow> kestraFlow(String namespace, String flowId) {
        synchronized (KESTRA_FLOWS) {
            if (KESTRA_FLOWS.isEmpty()) {
                try {
                    for (JsonNode record : records()) {
                        String file = record.path("file").asText();
                        readable(file).ifPresent(flow -> KESTRA_FLOWS.putIfAbsent(flow.namespace() + "/" + flow.id(), flow));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return Optional.ofNullable(KESTRA_FLOWS.get(namespace + "/" + flowId));
    }

    /** A flow of Kestra's that reads without errors here. */
    private static Optional<Flow> readable(String file) throws IOException {
        String text;
        try (InputStream in = KestraConformanceTest.class.getClassLoader().getResourceAsStream("flows/valids/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LoadedFlow loaded = new FlowValidator().validate(text);
        return loaded.flow() == null || loaded.problems().stream().anyMatch(p -> p.isError()) ? Optional.empty()
                : Optional.of(loaded.flow());
    }

    private static Optional<Flow> runnable(String file) throws IOException {
        String text;
        try (InputStream in = KestraConformanceTest.class.getClassLoader().getResourceAsStream("flows/valids/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LoadedFlow loaded = new FlowValidator().validate(text);
        if (loaded.flow() == null || loaded.problems().stream().anyMatch(p -> p.isError())
                || !Preflight.problems(loaded.flow()).isEmpty()
                || !InputResolver.resolve(loaded.flow().inputs(), Map.of()).errors().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(loaded.flow());
    }

    /** Kestra's task runs as {@link EngineFixture#taskRuns()} writes Flowbench's, iterations of Loops included. */
    private static List<String> expectedRuns(JsonNode record) {
        List<String> runs = new ArrayList<>();
        addRuns(record.path("taskRuns"), "", runs);
        return runs.stream().sorted().toList();
    }

    private static void addRuns(JsonNode taskRuns, String prefix, List<String> runs) {
        taskRuns.forEach(run -> {
            String taskId = run.path("taskId").asText();
            runs.add(prefix + (run.path("parentTaskId").isNull() ? "" : run.path("parentTaskId").asText()) + "/" + taskId + " "
                    + run.path("state").asText());
            JsonNode sub = run.path("subExecution");
            if (!sub.isMissingNode() && !sub.isNull()) {
                runs.add(prefix + taskId + "@ " + sub.path("state").asText());
                addRuns(sub.path("taskRuns"), prefix + taskId + "@>", runs);
            }
            run.path("iterations").forEach(iteration -> {
                String name = taskId + "#" + iteration.path("index").asInt();
                runs.add(prefix + name + " " + iteration.path("state").asText());
                addRuns(iteration.path("taskRuns"), prefix + name + ">", runs);
            });
        });
    }

    private static List<JsonNode> records() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                KestraConformanceTest.class.getResourceAsStream(RUNS), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    records.add(JsonValues.mapper().readTree(line));
                }
            }
        }
        return records;
    }
}
