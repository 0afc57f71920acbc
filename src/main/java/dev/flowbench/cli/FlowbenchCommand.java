package dev.flowbench.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "flowbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write, run and cache Kestra flows on your own machine.%n"
                + "Without a command, opens the desktop app.",
        subcommands = {ValidateCommand.class, MigrateCommand.class, RunCommand.class, RunsCommand.class, ResumeCommand.class, KvCommand.class,
                CacheCommand.class, OpenCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:a flow is invalid or failed", "2:bad arguments or unreadable input"})
public final class FlowbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and returns its exit status. Standard output is buffered and written as UTF-8 (the
     * encoding of what processes print, read as such): commands flush it when they have printed what they have,
     * not after every line, so that a run printing millions of lines into a file is not slowed by it.
     */
    public static int execute(String... args) {
        Optional<Integer> relaunched = CommandJvm.relaunch(args);
        if (relaunched.isPresent()) {
            return relaunched.get();
        }
        CommandJvm.endWithParent();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        try {
            return execute(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
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
            cmd.getErr().println("flowbench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("FLOWBENCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.USAGE; // it could not do what was asked; 1 says a flow failed or is invalid
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: validate, run, runs, cache or open");
    }
}
