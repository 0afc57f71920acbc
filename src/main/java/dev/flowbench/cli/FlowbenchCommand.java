package dev.flowbench.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "flowbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write, run and cache Kestra flows on your own machine.%n"
                + "Without a command, opens the desktop app.",
        subcommands = {ValidateCommand.class, RunCommand.class, RunsCommand.class, CacheCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:a flow is invalid or failed", "2:bad arguments or unreadable input"})
public final class FlowbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and returns its exit status. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new FlowbenchCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) { // a bad key or size given on the command line
                cmd.getErr().println("flowbench: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            cmd.getErr().println("flowbench: " + e.getMessage());
            if (System.getenv("FLOWBENCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.FAILED;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: validate, run, runs or cache");
    }
}
