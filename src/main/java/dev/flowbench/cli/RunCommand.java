package dev.flowbench.cli;

import dev.flowbench.app.RunHandle;
import dev.flowbench.app.Workspace;
import dev.flowbench.engine.Execution;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.ExecutionResult;
import dev.flowbench.engine.InputResolver;
import dev.flowbench.engine.Preflight;
import dev.flowbench.engine.RunScope;
import dev.flowbench.engine.State;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a flow on this machine, printing its logs and task states as they happen.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:SUCCESS or WARNING", "1:FAILED, KILLED or CANCELLED (an Exit task may end it so; Ctrl+C cancels cleanly)",
                "2:an invalid flow, bad inputs or bad arguments"})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The flow to run.")
    String file;

    @Option(names = {"-i", "--input"}, paramLabel = "KEY=VALUE", description = "A value for one of the flow's inputs; repeat for more.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object per event instead: execution_started, task_started,"
            + " log, cache, task_finished, execution_finished.")
    boolean json;

    @Option(names = "--fresh", description = "Run every task, reusing nothing: no outcome stored by taskCache and, with --to,"
            + " no earlier run (the outcomes of this run are stored for the next).")
    boolean fresh;

    @Option(names = "--to", paramLabel = "TASK", description = "Run the flow up to TASK and stop: the tasks before it are"
            + " reused from an earlier run of the same rendered definition where there is one (whether or not they declare"
            + " taskCache), run where not. A task in a WorkingDirectory runs with its siblings.")
    String to;

    @Option(names = "--only", paramLabel = "TASK", description = "Run only TASK: the outputs of the tasks before it come"
            + " from earlier runs; if it needs one that no earlier run has produced, nothing runs and the message says which.")
    String only;

    @Option(names = "--flows", paramLabel = "DIR", description = "A folder of flows a Subflow may start (found by namespace"
            + " and id, in its folders too); repeat for more. Default: the flow's own folder.")
    List<java.nio.file.Path> flowFolders = new java.util.ArrayList<>();

    @Option(names = "--max-cache-size", paramLabel = "SIZE", description = "The cache's size limit, e.g. 10GiB or 500MB;"
            + " least recently used entries are evicted past it. Default: cache.maxSize in FLOWBENCH_HOME/settings.properties, else 10GiB.")
    String maxCacheSize;

    @Option(names = "--kestra", paramLabel = "VERSION", defaultValue = "2",
            description = "The Kestra the flow is written for: 2 (2.0, 2.1; the default) or 1.3, whose ForEach,"
                    + " EachSequential and EachParallel run as 1.3 ran them.")
    String kestra;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FlowFile.Read read = FlowFile.read(file);
        if (read.error() != null) {
            err.println("flowbench: " + read.error());
            return ExitCodes.USAGE;
        }
        var target = dev.flowbench.flow.KestraVersion.parse(kestra);
        if (target.isEmpty()) {
            err.println("flowbench: --kestra takes 2 (or 2.0, 2.1) or 1.3, not '" + kestra + "'");
            return ExitCodes.USAGE;
        }
        LoadedFlow loaded = new FlowValidator(target.get()).validate(read.text());
        if (loaded.hasErrors()) {
            ProblemPrinter printer = json ? ProblemPrinter.json(out) : ProblemPrinter.text(out);
            loaded.problems().forEach(problem -> printer.print(file, problem));
            out.flush();
            return ExitCodes.USAGE;
        }
        if (to != null && only != null) {
            err.println("flowbench: --to and --only cannot be given together");
            return ExitCodes.USAGE;
        }
        RunScope scope = to != null ? RunScope.upTo(to, fresh) : only != null ? RunScope.only(only, fresh) : RunScope.all(fresh);
        Optional<String> wrongPart = scope.problem(loaded.flow());
        if (wrongPart.isPresent()) {
            err.println("flowbench: " + (to != null ? "--to" : "--only") + " " + scope.taskId() + ": " + wrongPart.get());
            return ExitCodes.USAGE;
        }
        List<String> cannot = Preflight.problems(loaded.flow());
        if (!cannot.isEmpty()) { // before the inputs: no value given would make it run
            cannot.forEach(problem -> err.println("flowbench: cannot run " + file + " here: " + problem));
            return ExitCodes.USAGE;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String input : inputs) {
            int equals = input.indexOf('=');
            if (equals <= 0) {
                err.println("flowbench: --input '" + input + "' must be KEY=VALUE");
                return ExitCodes.USAGE;
            }
            given.put(input.substring(0, equals), input.substring(equals + 1));
        }
        InputResolver.Resolved resolved = InputResolver.resolve(loaded.flow().inputs(), given);
        if (!resolved.ok()) {
            resolved.errors().forEach(e -> err.println("flowbench: " + e));
            err.println("flowbench: give inputs with --input KEY=VALUE (one --input per input)");
            return ExitCodes.USAGE;
        }
        if (!json) {
            loaded.problems().forEach(problem -> ProblemPrinter.text(err).print(file, problem));
        }
        for (java.nio.file.Path folder : flowFolders) {
            if (!java.nio.file.Files.isDirectory(folder)) {
                err.println("flowbench: --flows " + folder + ": no such folder");
                return ExitCodes.USAGE;
            }
        }
        try (Workspace workspace = Workspace.open(maxCacheSize, notice(err))) {
            workspace.flowFolders(flowFolders);
            ExecutionListener printer = json ? EventPrinter.json(out) : EventPrinter.human(out, Ansi.AUTO);
            RunHandle run = workspace.startRun(loaded.flow(), resolved.values(), flowPath(), read.text(), List.of(printer), scope);
            Execution execution = run.execution();
            Interrupts.onInterrupt(() -> {
                if (!json) {
                    err.println("flowbench: cancelling execution " + execution.id() + " ...");
                }
                execution.cancel();
            });
            ExecutionResult result = execution.await();
            run.recordingProblems(result).forEach(problem -> err.println("flowbench: " + problem));
            err.flush();
            return result.state() == State.SUCCESS || result.state() == State.WARNING ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Notices from the workspace (a busy database), printed as they come. */
    static Consumer<String> notice(PrintWriter err) {
        return message -> {
            err.println("flowbench: " + message);
            err.flush();
        };
    }

    private String flowPath() {
        return FlowFile.STDIN.equals(file) ? null : Path.of(file).toAbsolutePath().toString();
    }
}
