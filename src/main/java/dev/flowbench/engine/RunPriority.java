package dev.flowbench.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the CPU an execution asks for. {@link #BACKGROUND} is for the desktop app: an execution's thread lowers
 * its priority (Linux's nice value, by {@link #NICE}) as it starts, and the threads and processes it starts inherit it
 * (its listeners, its output pumps, its cache archives, the tasks' own processes). On two cores a flow printing lines as
 * fast as it can otherwise takes the CPU from the window's threads for 50 ms and more at a time; at a lower priority
 * it runs as fast on an idle machine and the window stays responsive. {@link #NORMAL} changes nothing (the command
 * line). Where the priority cannot be lowered (not Linux, no native access) an execution runs as it would at NORMAL.
 * The output pumps are a shared pool's threads, made by the execution that first needed them and with its priority:
 * an application runs all its executions at one priority.
 */
public enum RunPriority {
    NORMAL,
    BACKGROUND;

    /** What BACKGROUND adds to the nice value: a tenth of the CPU time of a thread at normal priority when both want it. */
    static final int NICE = 10;

    /** Applies this priority to the calling thread (the execution's, as it starts); BACKGROUND may do nothing, see above. */
    void applyToCurrentThread() {
        if (this == BACKGROUND) {
            Niceness.lowerCurrentThread(NICE);
        }
    }

    /** Linux's per-thread nice value, through the C library. */
    private static final class Niceness {
        private static final int PRIO_PROCESS = 0;
        private static volatile boolean unavailable = !System.getProperty("os.name", "").startsWith("Linux");

        private interface C extends Library {
            int getpriority(int which, int who);

            int setpriority(int which, int who, int prio);
        }

        private static C c;

        static void lowerCurrentThread(int by) {
            if (unavailable) {
                return;
            }
            try {
                // on Linux a thread is a task of its own: setpriority with its id changes that thread only
                Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
                int thread = Integer.parseInt(self.getFileName().toString());
                C library = library();
                int now = library.getpriority(PRIO_PROCESS, thread);
                library.setpriority(PRIO_PROCESS, thread, Math.min(19, now + by));
            } catch (Exception | LinkageError e) {
                unavailable = true; // runs at the priority it has: slower windows under floods, nothing worse
            }
        }

        private static synchronized C library() {
            if (c == null) {
                c = Native.load("c", C.class);
            }
            return c;
        }
    }
}
