package dev.flowbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flowbench open [PATH...]}: opens the desktop app. The jar's launcher starts the window itself (the command
 * line never loads JavaFX); this command is here for {@code --help} and for a call that does not go through it.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open the desktop app: files in tabs, a folder as the workspace (like `code PATH`).")
final class OpenCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Flow files to open, or a folder of flows.")
    List<String> paths = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("flowbench: the desktop app starts from the flowbench launcher:"
                + " java -jar flowbench.jar open " + String.join(" ", paths));
        return ExitCodes.USAGE;
    }
}
