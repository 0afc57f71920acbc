package dev.flowbench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Killing a process with everything it started. Each process is launched in a session of its own
 * ({@code setsid}) and marked with an environment variable, {@value #TAG_VARIABLE}, that its children
 * inherit whatever session or group they move to. A kill signals the session's group, the descendants, and
 * every process in {@code /proc} carrying the mark (as Jenkins sweeps for its build cookie), until none is left.
 * What can still escape: a process that drops its environment ({@code env -i}) after leaving both the session
 * and the tree.
 */
public final class ProcessTree {

    public static final String TAG_VARIABLE = "FLOWBENCH_PROCESS_TAG";

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final long GRACE_MILLIS = 300;
    private static final int KILL_ROUNDS = 40;
    private static final long ROUND_MILLIS = 25;

    private ProcessTree() {
    }

    /** The prefix that starts a command in a new session, or empty where setsid is missing. */
    static List<String> sessionLauncher() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }

    /** A mark for one process started on behalf of {@code owner} (an execution id). */
    static String newTag(String owner) {
        return owner + "/" + UUID.randomUUID();
    }

    /**
     * Sends TERM to everything the process started, waits a moment, then KILLs whatever is left. Each look at what is
     * alive is one pass over {@code /proc} ({@link ProcSnapshot}), so a tree of hundreds of processes ends in about the
     * grace period.
     */
    static void kill(Process process, boolean groupLeader, String tag) {
        Predicate<String> marked = tag::equals;
        long root = process.pid();
        signalGroup(root, "TERM", groupLeader);
        Set<Long> first = ProcSnapshot.take().treeOf(root, marked);
        first.forEach(pid -> signal(pid, false));
        awaitGone(first, GRACE_MILLIS);
        signalGroup(root, "KILL", groupLeader);
        killUntilNoneLeft(root, marked, first);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills whatever is still alive of the processes started for {@code owner} (an execution, or a part of one as
     * {@code EXECUTION/SCOPE}), with what they started: what tasks left running in the background. Returns how many
     * processes there were.
     */
    public static int killOwnedBy(String owner) {
        Predicate<String> marked = value -> value.startsWith(owner + "/");
        Set<Long> found = ProcSnapshot.take().treeOf(-1, marked);
        if (found.isEmpty()) {
            return 0;
        }
        found.forEach(pid -> signal(pid, false));
        awaitGone(found, GRACE_MILLIS);
        killUntilNoneLeft(-1, marked, found);
        return found.size();
    }

    /** Whether a process other than {@code root} still holds one of {@code pipes} (all of them marked {@code tag}). */
    static boolean othersHold(Set<String> pipes, String tag, long root) {
        for (long pid : ProcTable.withVariable(TAG_VARIABLE, tag::equals)) {
            if (pid != root && (pipes.isEmpty() || ProcTable.holdsAny(pid, pipes))) {
                return true;
            }
        }
        return false;
    }

    /** KILLs the known processes and, at each look, any new one of the tree or carrying the mark, until none is left. */
    private static void killUntilNoneLeft(long root, Predicate<String> marked, Set<Long> known) {
        Set<Long> left = new LinkedHashSet<>(known);
        for (int round = 0; round < KILL_ROUNDS; round++) {
            ProcSnapshot now = ProcSnapshot.take();
            left.addAll(now.treeOf(root, marked)); // a forking process may have added more
            left.removeIf(pid -> !now.isAlive(pid));
            if (left.isEmpty()) {
                return;
            }
            left.forEach(pid -> signal(pid, true));
            sleep(ROUND_MILLIS);
        }
    }

    /** Waits until none of {@code pids} is alive (zombies count as gone), at most {@code millis}. */
    private static void awaitGone(Set<Long> pids, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            ProcSnapshot now = ProcSnapshot.take();
            if (pids.stream().noneMatch(now::isAlive)) {
                return;
            }
            sleep(ROUND_MILLIS);
        }
    }

    private static void signal(long pid, boolean forcibly) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            if (forcibly) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        });
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
            // kill(1) missing: the processes were signalled one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
