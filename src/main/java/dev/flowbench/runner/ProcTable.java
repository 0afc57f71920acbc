package dev.flowbench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What Linux's {@code /proc} says about processes: which carry a given environment variable, and which hold
 * a given pipe open. Every read tolerates a process ending under it; where {@code /proc} is missing the
 * answers are empty.
 */
final class ProcTable {

    private static final Path PROC = Path.of("/proc");

    private ProcTable() {
    }

    /** Live (not zombie) processes whose initial environment has {@code name} with a value {@code value} accepts. */
    static List<Long> withVariable(String name, Predicate<String> value) {
        String prefix = name + "=";
        long self = ProcessHandle.current().pid();
        List<Long> found = new ArrayList<>();
        for (long pid : pids()) {
            if (pid != self && variableWithPrefix(pid, prefix).filter(value).isPresent() && !isZombie(pid)) {
                found.add(pid);
            }
        }
        return found;
    }

    /** The pipes ({@code pipe:[inode]}) a process's stdout and stderr are, empty when it is gone. */
    static Set<String> outputPipes(long pid) {
        Set<String> pipes = new HashSet<>();
        for (String fd : List.of("1", "2")) {
            String target = link(PROC.resolve(Long.toString(pid)).resolve("fd").resolve(fd));
            if (target != null && target.startsWith("pipe:")) {
                pipes.add(target);
            }
        }
        return pipes;
    }

    /** Whether the process has any of {@code pipes} open. */
    static boolean holdsAny(long pid, Set<String> pipes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                if (pipes.contains(link(fd))) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to look at
        }
        return false;
    }

    /**
     * How a live process uses the folder {@code root} (its current folder or root is in it, or it holds one of its files
     * open), if it does; empty when it does not, is gone, or is not ours to look at.
     */
    static Optional<String> usage(long pid, String root) {
        Path process = PROC.resolve(Long.toString(pid));
        if (within(link(process.resolve("cwd")), root)) {
            return isZombie(pid) ? Optional.empty() : Optional.of("has its current folder in it");
        }
        if (within(link(process.resolve("root")), root)) {
            return isZombie(pid) ? Optional.empty() : Optional.of("has its root folder in it");
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                String target = link(fd);
                if (within(target, root)) {
                    return Optional.of("holds " + target + " open");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not ours to look at
        }
        return Optional.empty();
    }

    private static boolean within(String target, String root) {
        return target != null && (target.equals(root) || target.startsWith(root + "/"));
    }

    /** The process's command name ({@code comm}), or "?" when it cannot be read. */
    static String command(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The parent of a live process; -1 when it is gone or a zombie. */
    static long liveParent(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            int afterName = stat.lastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= stat.length()) {
                return -1;
            }
            char state = stat.charAt(afterName + 2);
            if (state == 'Z' || state == 'X') {
                return -1;
            }
            String[] fields = stat.substring(afterName + 4).split(" ", 3); // after "state ": ppid pgrp ...
            return Long.parseLong(fields[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) == 'Z'
                    || stat.charAt(afterName + 2) == 'X';
        } catch (IOException | RuntimeException e) {
            return true; // gone: as good as dead
        }
    }

    /** The value of the environment variable {@code name} the process started with, if it has it. */
    static Optional<String> variable(long pid, String name) {
        return variableWithPrefix(pid, name + "=");
    }

    private static Optional<String> variableWithPrefix(long pid, String prefix) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start >= prefix.length()) {
                    String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                    if (entry.startsWith(prefix)) {
                        return Optional.of(entry.substring(prefix.length()));
                    }
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    try {
                        pids.add(Long.parseLong(name));
                    } catch (NumberFormatException e) {
                        // not a process
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return pids;
    }

    private static String link(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
