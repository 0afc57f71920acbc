package dev.flowbench.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;

/**
 * Measures the desktop app from inside its JVM, for {@link UiBenchmark}, headless (Monocle). {@code bare} (as a main
 * class) shows a plain JavaFX window. As a Java agent ({@code -javaagent:probe.jar=MODE:FLOW}, given to the app's JVMs
 * through {@code JAVA_TOOL_OPTIONS}, so that the app starts as a user starts it, through its launcher), it waits for
 * the toolkit, then: {@code launch} until the flow's text and problems show; {@code app} then types into it and
 * measures the diagnostics. Prints {@code key=value} lines; times are epoch milliseconds, for the benchmark to count
 * from the moment it started the process.
 */
public final class UiProbe {

    private static final int KEYSTROKES = 120;
    private static final long KEYSTROKE_MILLIS = 40;
    /** Long enough for the work the app defers at start (the database, the folder's checks) to be over. */
    private static final long SETTLE_MILLIS = 3_000;
    private static final int DIAGNOSTIC_SAMPLES = 15;

    private UiProbe() {
    }

    public static void main(String[] args) throws Exception {
        bare();
        System.exit(0);
    }

    /** In every JVM the agent reaches (the launcher's too): only one that starts JavaFX is measured. */
    public static void premain(String options) {
        int colon = options.indexOf(':');
        String mode = options.substring(0, colon);
        Path flow = Path.of(options.substring(colon + 1));
        Thread probe = new Thread(() -> {
            try {
                while (System.getProperty("javafx.version") == null) {
                    Thread.sleep(2);
                }
                System.out.println("jvmStartEpochMillis=" + ManagementFactory.getRuntimeMXBean().getStartTime());
                System.out.println("toolkitEpochMillis=" + System.currentTimeMillis());
                if ("run".equals(mode)) {
                    runFlood(flow);
                    System.out.flush();
                    System.exit(0);
                }
                Thread startSampler = Boolean.getBoolean("probe.trace") && "launch".equals(mode) ? sampleFxThread() : null;
                launch(flow);
                if (startSampler != null) { // where the FX thread spent the start, by phase and by our innermost frame
                    startSampler.interrupt();
                    startSampler.join();
                }
                if ("app".equals(mode)) {
                    typing("opening"); // at once, while the app finishes starting (the folder's checks, the JIT)
                    Thread.sleep(SETTLE_MILLIS);
                    typing("steady");
                    diagnostics();
                }
                System.out.flush();
                System.exit(0);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }, "ui-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** The reference: a JavaFX window with a label, until its first frame is shown. */
    private static void bare() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new Label("Hello"), 800, 600));
            stage.setOnShown(e -> Platform.runLater(shown::countDown));
            stage.show();
        });
        shown.await(60, TimeUnit.SECONDS);
        System.out.println("launchEpochMillis=" + System.currentTimeMillis());
    }

    /** Waits until the app shows the flow's text and its problems (the flow must have one). */
    private static void launch(Path flow) throws Exception {
        String expected = Files.readString(flow);
        waitOnFx(() -> find("#workspace", Node.class) != null, 60_000);
        System.out.println("windowEpochMillis=" + System.currentTimeMillis());
        waitOnFx(() -> {
            CodeArea editor = find("#editor", CodeArea.class);
            return editor != null && editor.getText().equals(expected);
        }, 60_000);
        System.out.println("textEpochMillis=" + System.currentTimeMillis());
        waitOnFx(() -> {
            CodeArea editor = find("#editor", CodeArea.class);
            ListView<?> problems = find("#problems", ListView.class);
            return editor != null && problems != null && editor.getText().equals(expected) && !problems.getItems().isEmpty();
        }, 60_000);
        System.out.println("launchEpochMillis=" + System.currentTimeMillis());
    }

    /**
     * Runs the flow (one printing many lines) from the Run button once the window is ready, and measures: lines that
     * reached the log list, how long the run took in the window, the longest FX-thread stall meanwhile, and the heap
     * the run left behind (after a GC, against before it).
     */
    private static void runFlood(Path flow) throws Exception {
        String expected = Files.readString(flow);
        waitOnFx(() -> {
            CodeArea editor = find("#editor", CodeArea.class);
            javafx.scene.control.Button run = find("#run", javafx.scene.control.Button.class);
            return editor != null && editor.getText().equals(expected) && run != null && !run.isDisabled();
        }, 60_000);
        System.out.println("launchEpochMillis=" + System.currentTimeMillis());
        Thread.sleep(SETTLE_MILLIS);
        long heapBefore = usedHeapAfterGc();
        AtomicLong shown = new AtomicLong();
        onFx(() -> {
            dev.flowbench.ui.run.LogView logs = find("#logs", dev.flowbench.ui.run.LogView.class);
            logs.getItems().addListener((javafx.collections.ListChangeListener<Object>) change -> {
                while (change.next()) {
                    shown.addAndGet(change.getAddedSize());
                }
            });
            return null;
        });
        CountDownLatch ended = new CountDownLatch(1);
        onFx(() -> {
            Label headline = find("#run-headline", Label.class); // followed, not looked up again and again
            headline.textProperty().addListener((o, a, text) -> {
                if (text.contains(": SUCCESS")) {
                    ended.countDown();
                }
            });
            return null;
        });
        StallWatch watch = new StallWatch();
        watch.start();
        long start = System.nanoTime();
        onFx(() -> {
            find("#run", javafx.scene.control.Button.class).fire();
            return null;
        });
        if (!ended.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the run did not succeed");
        }
        long took = System.nanoTime() - start;
        watch.stop();
        long heapAfter = usedHeapAfterGc();
        watch.print("flood");
        System.out.println("floodShownLines=" + shown.get());
        System.out.println("floodMillis=" + took / 1_000_000.0);
        System.out.println("floodHeapGrowthMb=" + (heapAfter - heapBefore) / (1024.0 * 1024.0));
        System.out.println("floodHeapAfterMb=" + heapAfter / (1024.0 * 1024.0));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Types steadily at the end of a line while a watcher measures how long the FX thread keeps others waiting. */
    private static void typing(String phase) throws Exception {
        CodeArea editor = onFx(() -> find("#editor", CodeArea.class));
        AtomicLong longestKeystroke = new AtomicLong();
        StallWatch watch = new StallWatch();
        int line = onFx(() -> editor.getParagraphs().size() / 2);
        onFx(() -> {
            editor.moveTo(line, editor.getParagraphLength(line));
            return null;
        });
        Thread.sleep(500);
        watch.start();
        Thread sampler = Boolean.getBoolean("probe.trace") ? sampleFxThread() : null;
        for (int i = 0; i < KEYSTROKES; i++) {
            String ch = i % 10 == 9 ? " " : "x";
            Platform.runLater(() -> {
                long start = System.nanoTime();
                editor.insertText(editor.getCaretPosition(), ch);
                longestKeystroke.accumulateAndGet(System.nanoTime() - start, Math::max);
            });
            Thread.sleep(KEYSTROKE_MILLIS);
        }
        Thread.sleep(500);
        watch.stop();
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        watch.print(phase);
        System.out.println(phase + "KeystrokeMillis=" + longestKeystroke.get() / 1_000_000.0);
    }

    /** Posts a no-op to the FX thread every few milliseconds and keeps how long the longest waited. */
    private static final class StallWatch {
        private final AtomicLong longestStall = new AtomicLong();
        /** The same, measured until this thread woke up to see the no-op run (the measure before 2026-12-02). */
        private final AtomicLong longestSeen = new AtomicLong();
        private final AtomicLong overFrame = new AtomicLong();
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long posted = System.nanoTime();
                    long fxCpu = fxCpuNanos();
                    long[] fxSched = Sched.of("JavaFX Applicat");
                    long[] renderSched = Sched.of("QuantumRenderer");
                    CountDownLatch ran = new CountDownLatch(1);
                    AtomicLong ranAt = new AtomicLong();
                    Platform.runLater(() -> {
                        ranAt.set(System.nanoTime());
                        ran.countDown();
                    });
                    try {
                        if (!ran.await(12, TimeUnit.MILLISECONDS) && Boolean.getBoolean("probe.trace")) {
                            printFxStack();
                        }
                        ran.await();
                        // when the FX thread ran it, not when this thread woke up to see it: on two busy cores this
                        // thread can wait for the CPU longer than the FX thread kept the no-op waiting
                        long stall = ranAt.get() - posted;
                        longestSeen.accumulateAndGet(System.nanoTime() - posted, Math::max);
                        longestStall.accumulateAndGet(stall, Math::max);
                        if (stall > 16_000_000) {
                            overFrame.incrementAndGet();
                        }
                        if (stall > 16_000_000 && Boolean.getBoolean("probe.trace")) {
                            System.out.println("stall " + stall / 1_000_000 + " ms at uptime "
                                    + ManagementFactory.getRuntimeMXBean().getUptime() + " epoch " + System.currentTimeMillis()
                                    + ", FX thread on CPU " + (fxCpuNanos() - fxCpu) / 1_000_000 + " ms of it, waiting for a CPU "
                                    + Sched.waitedMillis("JavaFX Applicat", fxSched) + " ms; renderer on CPU "
                                    + Sched.ranMillis("QuantumRenderer", renderSched) + " ms, waiting for a CPU "
                                    + Sched.waitedMillis("QuantumRenderer", renderSched) + " ms");
                            printSamples(posted, System.nanoTime());
                        }
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "stall-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        void print(String phase) {
            System.out.println(phase + "StallMillis=" + longestStall.get() / 1_000_000.0);
            System.out.println(phase + "SeenStallMillis=" + longestSeen.get() / 1_000_000.0);
            System.out.println(phase + "StallsOverFrame=" + overFrame.get());
        }
    }

    /** A thread's time on a CPU and waiting for one, from Linux's schedstat, by the thread's native name (for traces). */
    private static final class Sched {
        private static final Map<String, Path> FILES = new java.util.concurrent.ConcurrentHashMap<>();

        static long[] of(String comm) {
            if (!Boolean.getBoolean("probe.trace")) {
                return new long[2];
            }
            Path file = FILES.computeIfAbsent(comm, Sched::find);
            try {
                String[] fields = Files.readString(file).trim().split(" ");
                return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
            } catch (Exception e) {
                return new long[2];
            }
        }

        static long ranMillis(String comm, long[] before) {
            return (of(comm)[0] - before[0]) / 1_000_000;
        }

        static long waitedMillis(String comm, long[] before) {
            return (of(comm)[1] - before[1]) / 1_000_000;
        }

        private static Path find(String comm) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    if (Files.readString(task.resolve("comm")).trim().equals(comm)) {
                        return task.resolve("schedstat");
                    }
                }
            } catch (Exception e) {
                // no /proc: nothing to say
            }
            return Path.of("/nonexistent");
        }
    }

    /** Samples the FX thread every millisecond and prints where it spent its time, by phase and by our innermost frame. */
    private static Thread sampleFxThread() throws InterruptedException {
        Thread found = null;
        while (found == null) {
            found = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("JavaFX Application Thread"))
                    .findFirst().orElse(null);
            Thread.sleep(found == null ? 1 : 0);
        }
        Thread fx = found;
        Map<String, Integer> counts = new java.util.TreeMap<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                StackTraceElement[] stack = fx.getStackTrace();
                String phase = "other";
                String ours = "";
                for (StackTraceElement frame : stack) {
                    String name = frame.getClassName() + "." + frame.getMethodName();
                    if (ours.isEmpty() && name.startsWith("dev.flowbench")) {
                        ours = " " + name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + ":" + frame.getLineNumber();
                    }
                    if (name.contains("doCSSPass")) phase = "css";
                    else if (name.contains("doLayoutPass")) phase = "layout";
                    else if (name.contains("Scene$ScenePulseListener.synchronizeSceneNodes") || name.contains("syncPeer")) phase = "sync";
                    else if (name.contains("waitForRenderingToComplete") || name.contains("PaintCollector")) phase = "render-wait";
                    else if (name.contains("RunnableProcessor.runLoop") && stack[0].getMethodName().equals("take")) phase = "idle";
                    else if (name.contains("AbstractPrimaryTimer")) phase = phase.equals("other") ? "animation" : phase;
                }
                counts.merge(phase + ours, 1, Integer::sum);
                RECENT.addLast(new long[] {System.nanoTime(), (phase + ours).hashCode()});
                NAMES.put((phase + ours).hashCode(), phase + ours);
                while (RECENT.size() > 400) {
                    RECENT.pollFirst();
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    break;
                }
            }
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                    .forEach(e -> System.out.println("sample " + e.getValue() + " " + e.getKey()));
        }, "fx-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    private static final java.util.concurrent.ConcurrentLinkedDeque<long[]> RECENT = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final Map<Integer, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static void printSamples(long from, long to) {
        StringBuilder text = new StringBuilder("  during it:");
        String last = null;
        int run = 0;
        for (long[] sample : RECENT) {
            if (sample[0] < from || sample[0] > to) {
                continue;
            }
            String name = NAMES.get((int) sample[1]);
            if (name.equals(last)) {
                run++;
                continue;
            }
            if (last != null) {
                text.append(" ").append(last).append(" x").append(run).append(" |");
            }
            last = name;
            run = 1;
        }
        text.append(" ").append(last).append(" x").append(run);
        System.out.println(text);
    }

    private static long fxThreadId = -1;

    private static long fxCpuNanos() {
        if (fxThreadId < 0) {
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("JavaFX Application Thread"))
                    .findFirst().ifPresent(t -> fxThreadId = t.getId());
        }
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(fxThreadId);
    }

    private static void printFxStack() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("JavaFX Application Thread")) {
                StringBuilder text = new StringBuilder("FX thread busy:");
                for (int i = 0; i < Math.min(stack.length, 40); i++) {
                    text.append("\n    ").append(stack[i]);
                }
                System.out.println(text);
            }
        });
    }

    /** Makes an optional key unknown ("timeout" becomes "qtimeout") and measures until the Problems list shows it, then fixes it and measures until it is gone. */
    private static void diagnostics() throws Exception {
        CodeArea editor = onFx(() -> find("#editor", CodeArea.class));
        ListView<?> problems = onFx(() -> find("#problems", ListView.class));
        int baseline = waitCount(problems, -1);
        List<Double> samples = new ArrayList<>();
        int paragraphs = onFx(() -> editor.getParagraphs().size());
        for (int i = 0; i < DIAGNOSTIC_SAMPLES; i++) {
            int from = 40 + i * (paragraphs - 120) / DIAGNOSTIC_SAMPLES;
            int line = onFx(() -> firstKeyLineAfter(editor, from));
            int at = onFx(() -> editor.getAbsolutePosition(line, indentOf(editor.getParagraph(line).getText())));
            long start = System.nanoTime();
            onFx(() -> {
                editor.insertText(at, "q");
                return null;
            });
            waitCount(problems, baseline + 1);
            samples.add((System.nanoTime() - start) / 1e6);
            long fix = System.nanoTime();
            onFx(() -> {
                editor.deleteText(at, at + 1);
                return null;
            });
            waitCount(problems, baseline);
            samples.add((System.nanoTime() - fix) / 1e6);
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.println("diagnosticsMedianMillis=" + sorted[sorted.length / 2]);
        System.out.println("diagnosticsP90Millis=" + sorted[(int) (sorted.length * 0.9)]);
        System.out.println("lines=" + paragraphs);
    }

    private static int firstKeyLineAfter(CodeArea editor, int from) {
        for (int i = from; i < editor.getParagraphs().size(); i++) {
            String text = editor.getParagraph(i).getText().strip();
            if (text.startsWith("timeout:")) {
                return i;
            }
        }
        throw new IllegalStateException("no timeout: line after " + from);
    }

    private static int indentOf(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Waits until the list has {@code count} rows ({@code -1}: until it stops changing), returns the count. */
    private static int waitCount(ListView<?> list, int count) throws Exception {
        if (count >= 0) {
            waitOnFx(() -> list.getItems().size() == count, 30_000);
            return count;
        }
        Thread.sleep(1_000);
        return onFx(() -> list.getItems().size());
    }

    private static <T extends Node> T find(String selector, Class<T> type) {
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null) {
                Node node = window.getScene().getRoot().lookup(selector);
                if (type.isInstance(node)) {
                    return type.cast(node);
                }
            }
        }
        return null;
    }

    private static void waitOnFx(Supplier<Boolean> condition, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Boolean.TRUE.equals(onFxOrNull(condition))) {
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("timed out waiting");
    }

    private static <T> T onFxOrNull(Supplier<T> work) throws Exception {
        try {
            return onFx(work::get);
        } catch (IllegalStateException e) {
            return null; // the toolkit is not up yet
        }
    }

    @FunctionalInterface
    private interface FxWork<T> {
        T run() throws Exception;
    }

    private static <T> T onFx(FxWork<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(work.run());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
