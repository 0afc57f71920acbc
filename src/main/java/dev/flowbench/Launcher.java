package dev.flowbench;

import dev.flowbench.cli.FlowbenchCommand;

/**
 * The jar's entry point. With no arguments it opens the desktop app; with any, it runs the command line,
 * which never loads a JavaFX class (so it starts fast and works without a display).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            dev.flowbench.ui.DesktopLauncher.launch(args);
            return;
        }
        System.exit(FlowbenchCommand.execute(args));
    }
}
