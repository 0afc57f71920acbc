package dev.flowbench;

import dev.flowbench.cli.FlowbenchCommand;
import dev.flowbench.ui.app.DesktopJvm;
import dev.flowbench.ui.app.DesktopLauncher;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The jar's entry point. With no arguments, or {@code open PATH...}, it opens the desktop app (in a JVM of its own
 * set up for a quick start: {@link DesktopJvm}); with any other command it runs the command line, which never loads a
 * JavaFX class (so it starts fast and works without a display).
 */
public final class Launcher {

    private static final List<String> HELP = List.of("-h", "--help", "-V", "--version");

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || opensWindow(args)) {
            Optional<Integer> relaunched = DesktopJvm.relaunch(args);
            if (relaunched.isPresent()) {
                System.exit(relaunched.get());
            }
            String[] paths = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            DesktopLauncher.launch(paths);
            return;
        }
        System.exit(FlowbenchCommand.execute(args));
    }

    /** {@code open PATH...}, unless asking for its help (which the command line prints). */
    private static boolean opensWindow(String[] args) {
        return "open".equals(args[0]) && Arrays.stream(args).noneMatch(HELP::contains);
    }
}
