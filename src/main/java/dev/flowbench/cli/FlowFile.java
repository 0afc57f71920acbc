package dev.flowbench.cli;

import dev.flowbench.flow.FlowSource;
import java.nio.file.Path;

/** Reading a flow file named on the command line ({@code -}: standard input), with a message a user understands. */
final class FlowFile {

    static final String STDIN = "-";

    record Read(String text, String error) {
    }

    private FlowFile() {
    }

    static Read read(String name) {
        try {
            return new Read(STDIN.equals(name) ? FlowSource.read(System.in) : FlowSource.read(Path.of(name)), null);
        } catch (FlowSource.Unreadable e) {
            return new Read(null, name + ": " + e.getMessage());
        } catch (RuntimeException e) { // an invalid path
            return new Read(null, name + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
