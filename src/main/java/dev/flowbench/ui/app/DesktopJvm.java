package dev.flowbench.ui.app;

import dev.flowbench.app.JvmCommand;
import dev.flowbench.store.FlowbenchHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the desktop app in a JVM of its own, set up to open the window quickly (no JavaFX class is loaded here):
 * <ul>
 * <li>with the {@link ClassArchive} of the last session: the window's several thousand classes are mapped instead
 * of read from the jar and verified again (the first session writes the archive when it closes);</li>
 * <li>with the client compiler only ({@code -XX:TieredStopAtLevel=1}): on a machine of two cores, the optimizing
 * compiler takes one of them for the first seconds, just when the window is being built; an editor's work (checking a
 * few thousand lines) stays within a few milliseconds without it. A JVM started with compiler options of the user's
 * own keeps them.</li>
 * <li>keeping for good what lives through one young collection ({@code -XX:MaxTenuringThreshold=1}): the window's
 * long-lived objects made after the start (a 2,000-line flow's model and picture, some 20 MB) were otherwise copied
 * from survivor space to survivor space at each young collection, fifteen times, pauses of 15-27 ms every few seconds
 * while typing, against 2.5-5 ms so. Collector options of the user's own are kept instead.</li>
 * </ul>
 * Once an archive is in use, the command of that JVM is left for the {@code flowbench} script ({@link DesktopStart}),
 * which then starts it without this JVM. Only a class path of jars can be archived: started from class folders (a
 * build's {@code target/classes}), the app runs in this JVM as it is. {@value #SWITCH_VARIABLE}{@code =off} does the same, as do class sharing options of the
 * user's own.
 */
public final class DesktopJvm {

    /** {@code off}: no archive and no second JVM. */
    static final String SWITCH_VARIABLE = "FLOWBENCH_CLASS_ARCHIVE";
    /** Set in the child's environment: it is not relaunched again. */
    static final String CHILD_VARIABLE = "FLOWBENCH_DESKTOP_JVM";
    static final List<String> COMPILER_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    static final List<String> COLLECTOR_OPTIONS = List.of("-XX:MaxTenuringThreshold=1");
    private static final String MAIN = "dev.flowbench.Launcher";
    /** A JVM that dies of a signal this soon after starting on an archive is taken to have failed on it. */
    private static final long EARLY_CRASH_MILLIS = 10_000;
    private static final long VERIFY_SECONDS = 60;

    private DesktopJvm() {
    }

    /** The exit status of the app run in a JVM of its own, or empty when it should run in this one. */
    public static Optional<Integer> relaunch(String[] args) {
        if (System.getenv(CHILD_VARIABLE) != null) {
            DesktopStart.confirm(System.getenv(DesktopStart.TRIAL_VARIABLE));
            return Optional.empty();
        }
        if ("off".equalsIgnoreCase(System.getenv(SWITCH_VARIABLE)) || DesktopCheck.missing().isPresent()
                || JvmCommand.ownArguments().stream().anyMatch(DesktopJvm::choosesSharing)) {
            return Optional.empty(); // a missing display is reported by the app itself, in this JVM
        }
        Path folder = FlowbenchHome.fromEnvironment().root().resolve("cds");
        Optional<ClassArchive> archive = ClassArchive.forClassPath(folder, System.getProperty("java.class.path"));
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        return run(archive.get(), new DesktopStart(folder), args, true);
    }

    private static Optional<Integer> run(ClassArchive archive, DesktopStart start, String[] args, boolean mayRetry) {
        boolean using = archive.exists();
        Path fresh = archive.freshFile();
        Optional<List<String>> command = JvmCommand.child(options(using ? "-XX:SharedArchiveFile=" + archive.file()
                : "-XX:ArchiveClassesAtExit=" + fresh), MAIN, args);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (using) {
            offerToScript(archive, start, false);
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        builder.environment().put(CHILD_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        long started = System.nanoTime();
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        JvmCommand.forwardSignals(child);
        int status = waitFor(child);
        long ranMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (using && mayRetry && diedOfSignal(status) && ranMillis < EARLY_CRASH_MILLIS) {
            archive.discard();
            start.remove();
            return run(archive, start, args, false);
        }
        if (!using && archive.adopt(fresh, DesktopJvm::loads)) {
            offerToScript(archive, start, true);
        }
        return Optional.of(status);
    }

    private static List<String> options(String archiveOption) {
        List<String> options = new ArrayList<>(List.of("-Xshare:auto", "-Xlog:cds*=off", archiveOption));
        if (JvmCommand.ownArguments().stream().noneMatch(DesktopJvm::choosesCompiler)) {
            options.addAll(COMPILER_OPTIONS);
        }
        if (JvmCommand.ownArguments().stream().noneMatch(DesktopJvm::choosesCollector)) {
            options.addAll(COLLECTOR_OPTIONS);
        }
        return options;
    }

    /**
     * Writes the {@link DesktopStart} for the {@code flowbench} script, which starts this JVM without options: only
     * when this one has none of its own, so that the script's start is the one this launcher would make. An archive
     * just adopted removed the others: a file written by a launcher with options of its own may name one of them.
     */
    private static void offerToScript(ClassArchive archive, DesktopStart start, boolean adopted) {
        Optional<List<String>> command = JvmCommand.ownArguments().isEmpty()
                ? JvmCommand.child(options("-XX:SharedArchiveFile=" + archive.file()), MAIN) : Optional.empty();
        if (command.isPresent()) {
            start.write(command.get());
        } else if (adopted) {
            start.remove(); // it may name an archive the adoption removed
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                child.destroy(); // and wait for it to finish writing its archive
            }
        }
    }

    /** 134 (SIGABRT), 135 (SIGBUS), 139 (SIGSEGV): how a JVM that cannot map its archive ends. */
    private static boolean diedOfSignal(int status) {
        return status == 134 || status == 135 || status == 139;
    }

    /** Whether a JVM starts on {@code archive}: the command line's {@code --version}, with sharing required. */
    private static boolean loads(Path archive) {
        Optional<List<String>> command = JvmCommand.child(List.of("-Xshare:on", "-Xlog:cds*=off",
                "-XX:SharedArchiveFile=" + archive), MAIN, "--version");
        if (command.isEmpty()) {
            return false;
        }
        try {
            Process check = new ProcessBuilder(command.get()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(VERIFY_SECONDS, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean choosesSharing(String argument) {
        return argument.startsWith("-Xshare") || argument.contains("SharedArchiveFile") || argument.contains("ArchiveClassesAtExit");
    }

    private static boolean choosesCollector(String argument) {
        return argument.matches("-XX:[+-]Use\\w*GC") || argument.contains("TenuringThreshold");
    }

    private static boolean choosesCompiler(String argument) {
        return argument.startsWith("-XX:TieredStopAtLevel") || argument.contains("TieredCompilation")
                || argument.equals("-Xint") || argument.equals("-Xcomp");
    }
}
