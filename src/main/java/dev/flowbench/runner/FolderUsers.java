package dev.flowbench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes that could still write into a folder: those whose current folder or root is in it, or which hold one
 * of its files open ({@code /proc/PID/cwd}, {@code root}, {@code fd}). What this cannot see: another user's processes
 * (which cannot write into a folder only its owner may enter), a file mapped into memory and then closed, and a process
 * that remembers a path and opens it later (a path that a rename has since taken away).
 */
public final class FolderUsers {

    /** A process using the folder: which, and how. */
    public record User(long pid, String command, String how) {
        public String describe() {
            return "process " + pid + " (" + command + ") " + how;
        }
    }

    private FolderUsers() {
    }

    /** The processes, other than this one, using {@code folder} (an absolute, real path). */
    public static List<User> of(Path folder) {
        String root = folder.toAbsolutePath().normalize().toString();
        long self = ProcessHandle.current().pid();
        List<User> users = new ArrayList<>();
        for (long pid : ProcTable.pids()) {
            if (pid == self) {
                continue;
            }
            Optional<String> how = ProcTable.usage(pid, root);
            how.ifPresent(h -> users.add(new User(pid, ProcTable.command(pid), h)));
        }
        return users;
    }
}
