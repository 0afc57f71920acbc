package dev.flowbench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Killing a process with everything it started. Processes are launched in a session of their own
 * ({@code setsid}), so the whole group can be signalled even when an intermediate shell has already
 * exited; descendants found through {@link ProcessHandle} are killed too, for any that left the group.
 */
public final class ProcessTree {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final long GRACE_MILLIS = 300;

    private ProcessTree() {
    }

    /** The prefix that starts a command in a new session, or empty where setsid is missing. */
    static List<String> sessionLauncher() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }

    /** Sends TERM to the tree, waits a moment, then KILLs whatever is left. Returns when the root is gone. */
    public static void kill(Process process, boolean groupLeader) {
        List<ProcessHandle> tree = snapshot(process.toHandle());
        signalGroup(process.pid(), "TERM", groupLeader);
        tree.forEach(ProcessHandle::destroy);
        waitFor(tree, GRACE_MILLIS);
        List<ProcessHandle> survivors = snapshot(process.toHandle());
        survivors.addAll(tree);
        signalGroup(process.pid(), "KILL", groupLeader);
        survivors.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    private static void waitFor(List<ProcessHandle> handles, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (ProcessHandle handle : handles) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void signalGroup(long pgid, String signal, boolean groupLeader) {
        if (!groupLeader) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // kill(1) missing: the descendants were signalled one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
