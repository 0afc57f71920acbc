package dev.flowbench.cli;

import dev.flowbench.app.Workspace;
import dev.flowbench.engine.Resumes;
import dev.flowbench.engine.State;
import dev.flowbench.store.ExecutionDetail;
import dev.flowbench.store.TaskRunRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Resumes an execution waiting in a Pause, whichever process runs it (the window, another terminal). */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume an execution waiting in a Pause: every"
        + " Pause of it that waits goes on. The execution may run in the window or in another terminal.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The execution's id, or the start of it (flowbench runs lists them).")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.open(RunCommand.notice(err))) {
            Optional<ExecutionDetail> found = workspace.history().find(id);
            if (found.isEmpty()) {
                err.println("flowbench: no execution '" + id + "' (or the prefix matches several); list them with: flowbench runs");
                return ExitCodes.USAGE;
            }
            String executionId = found.get().summary().id();
            if (found.get().summary().state() != State.RUNNING) {
                err.println("flowbench: execution " + executionId + " is not running (it ended " + found.get().summary().state()
                        + "): nothing to resume");
                return ExitCodes.FAILED;
            }
            List<String> paused = found.get().tasks().stream().filter(task -> task.state() == State.PAUSED)
                    .map(TaskRunRecord::taskId).toList();
            if (paused.isEmpty()) {
                err.println("flowbench: execution " + executionId + " has no Pause waiting: nothing to resume");
                return ExitCodes.FAILED;
            }
            if (!Resumes.request(Resumes.file(workspace.home().executions(), executionId))) {
                err.println("flowbench: cannot write the resume of execution " + executionId + " into "
                        + workspace.home().executions().resolve(executionId));
                return ExitCodes.FAILED;
            }
            out.println("resumed execution " + executionId + ": " + String.join(", ", paused) + " go" + (paused.size() == 1 ? "es" : "")
                    + " on within a moment");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
