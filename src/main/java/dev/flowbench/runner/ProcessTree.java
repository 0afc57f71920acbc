package dev.flowbench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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

    /** Sends TERM to everything the process started, waits a moment, then KILLs whatever is left. */
    static void kill(Process process, boolean groupLeader, String tag) {
        Predicate<String> marked = tag::equals;
        Set<ProcessHandle> first = tree(process.toHandle(), marked);
        signalGroup(process.pid(), "TERM", groupLeader);
        first.forEach(ProcessHandle::destroy);
        waitFor(first, GRACE_MILLIS);
        signalGroup(process.pid(), "KILL", groupLeader);
        killUntilNoneLeft(process.toHandle(), marked, first);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills whatever is still alive of the processes started for {@code owner}: what a task left running in
     * the background once its execution is over. Returns how many there were.
     */
    public static int killOwnedBy(String owner) {
        Predicate<String> marked = value -> value.startsWith(owner + "/");
        List<Long> pids = ProcTable.withVariable(TAG_VARIABLE, marked);
        if (pids.isEmpty()) {
            return 0;
        }
        Set<ProcessHandle> found = new LinkedHashSet<>();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
        found.forEach(ProcessHandle::destroy);
        waitFor(found, GRACE_MILLIS);
        killUntilNoneLeft(null, marked, found);
        return pids.size();
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

    private static void killUntilNoneLeft(ProcessHandle root, Predicate<String> marked, Set<ProcessHandle> known) {
        Set<ProcessHandle> left = new LinkedHashSet<>(known);
        for (int round = 0; round < KILL_ROUNDS; round++) {
            if (root != null) {
                left.addAll(tree(root, marked));
            } else {
                ProcTable.withVariable(TAG_VARIABLE, marked).forEach(pid -> ProcessHandle.of(pid).ifPresent(left::add));
            }
            left.removeIf(handle -> !handle.isAlive() || ProcTable.isZombie(handle.pid()));
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly); // a forking process may add more: look again
            sleep(ROUND_MILLIS);
        }
    }

    /** The root, its descendants, and every marked process with its descendants. */
    private static Set<ProcessHandle> tree(ProcessHandle root, Predicate<String> marked) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (long pid : ProcTable.withVariable(TAG_VARIABLE, marked)) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            handle.ifPresent(h -> {
                all.add(h);
                h.descendants().forEach(all::add);
            });
        }
        return all;
    }

    private static void waitFor(Set<ProcessHandle> handles, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (ProcessHandle handle : new ArrayList<>(handles)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            if (ProcTable.isZombie(handle.pid())) {
                continue;
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
