package dev.flowbench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds a write lock on an SQLite database, read from Linux's {@code /proc/locks}: SQLite locks its
 * files with POSIX locks (in WAL mode, a byte of the {@code -shm} file), listed there with the owner's pid.
 */
final class DatabaseLocks {

    private static final Path LOCKS = Path.of("/proc/locks");
    private static final int MAX_COMMAND = 80;

    private DatabaseLocks() {
    }

    /** "process 1234 (sqlite3 /home/me/.flowbench/flowbench.db)", several joined, or "another process". */
    static String holders(Path database) {
        Set<String> inodes = new LinkedHashSet<>();
        for (String suffix : List.of("", "-shm", "-wal")) {
            inode(Path.of(database + suffix)).ifPresent(inodes::add);
        }
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try {
            for (String line : Files.readAllLines(LOCKS, StandardCharsets.ISO_8859_1)) {
                String[] fields = line.trim().split("\\s+");
                // 1: POSIX  ADVISORY  WRITE 7572 fe:00:2146490 120 120
                if (fields.length < 6 || !"WRITE".equals(fields[3])) {
                    continue;
                }
                String inode = fields[5].substring(fields[5].lastIndexOf(':') + 1);
                String pid = fields[4];
                if (inodes.contains(inode) && !pid.equals(Long.toString(self)) && !pid.equals("-1")) {
                    String holder = "process " + pid + command(pid);
                    if (!found.contains(holder)) {
                        found.add(holder);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "another process";
        }
        return found.isEmpty() ? "another process" : String.join(", ", found);
    }

    private static String command(String pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
            String command = new String(raw, StandardCharsets.UTF_8).replaceAll("[\\x00\\s]+", " ").strip();
            if (command.isEmpty()) {
                return "";
            }
            return " (" + (command.length() > MAX_COMMAND ? command.substring(0, MAX_COMMAND - 3) + "..." : command) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<String> inode(Path file) {
        try {
            return Optional.of(String.valueOf(Files.getAttribute(file, "unix:ino")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
