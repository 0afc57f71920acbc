package dev.flowbench.app;

import dev.flowbench.cache.CacheHooks;
import dev.flowbench.cache.CacheStore;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.Engine;
import dev.flowbench.engine.EngineSettings;
import dev.flowbench.flow.pebble.RenderLimits;
import dev.flowbench.engine.RunPriority;
import dev.flowbench.engine.RunScope;
import dev.flowbench.engine.TaskCacheHooks;
import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.WorkDirectories;
import dev.flowbench.flow.Flow;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.runner.ProcessTree;
import dev.flowbench.store.Database;
import dev.flowbench.store.ExecutionLogWriter;
import dev.flowbench.store.ExecutionLogs;
import dev.flowbench.store.FlowbenchHome;
import dev.flowbench.store.HistoryRecorder;
import dev.flowbench.store.HistoryStore;
import dev.flowbench.store.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What both doors, the command line and the desktop app, work on: FLOWBENCH_HOME opened, its database migrated,
 * the cache ready, and what crashed processes left behind (running executions, working directories, cache
 * files) closed or removed. Runs start here, recorded in the history and the complete log files, with the cache
 * plugged in, so the window and the command line can never disagree about a fact. The history and the cache
 * each have a connection of their own: they are written from different threads.
 */
public final class Workspace implements AutoCloseable {

    public static final String BUSY_TIMEOUT = "database.busyTimeout";

    private final FlowbenchHome home;
    private final Database database;
    private final HistoryStore history;
    private final Database cacheDatabase;
    private final CacheStore cache;
    private final Path work;
    private final RenderLimits renderLimits;
    private volatile RunPriority runPriority = RunPriority.NORMAL;

    private Workspace(FlowbenchHome home, Path work, Database database, HistoryStore history, Database cacheDatabase,
                      CacheStore cache, RenderLimits renderLimits) {
        this.renderLimits = renderLimits;
        this.home = home;
        this.work = work;
        this.database = database;
        this.history = history;
        this.cacheDatabase = cacheDatabase;
        this.cache = cache;
    }

    public FlowbenchHome home() {
        return home;
    }

    public HistoryStore history() {
        return history;
    }

    public CacheStore cache() {
        return cache;
    }

    /**
     * A number that changes whenever the cache's entries may have changed: saved, restored, evicted or invalidated by
     * this process or another (SQLite's {@code data_version}, read on the history's connection, which never writes
     * the cache). Cheap enough to ask a few times a second.
     */
    public long cacheChangeCounter() throws SQLException {
        return database.read(c -> {
            try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** The complete log file of an execution (it may not exist: see {@link ExecutionLogs}). */
    public Path logFile(String executionId) {
        return ExecutionLogs.file(home.executions(), executionId);
    }

    /** How much of the CPU the runs started from now on ask for: the desktop app's yield to its window (see {@link RunPriority}). */
    public void runAt(RunPriority priority) {
        this.runPriority = priority;
    }

    /**
     * Starts {@code flow} (valid, with resolved {@code inputs}), recorded in the history under {@code flowPath}
     * (null for a flow without a file) and in its complete log file; {@code listeners} follow it as well.
     */
    public RunHandle startRun(Flow flow, Map<String, Object> inputs, String flowPath, List<ExecutionListener> listeners) {
        return startRun(flow, inputs, flowPath, null, listeners);
    }

    /** The same, keeping {@code source} (the flow's text as it runs) with the execution in the history. */
    public RunHandle startRun(Flow flow, Map<String, Object> inputs, String flowPath, String source,
                              List<ExecutionListener> listeners) {
        return startRun(flow, inputs, flowPath, source, listeners, RunScope.ALL);
    }

    /**
     * The same for a part of the flow ({@link RunScope}: up to a task, or only it, the tasks before it reused from
     * earlier runs in the history); {@code scope.fresh()} reuses nothing that can run.
     */
    public RunHandle startRun(Flow flow, Map<String, Object> inputs, String flowPath, String source,
                              List<ExecutionListener> listeners, RunScope scope) {
        HistoryRecorder recorder = new HistoryRecorder(history, flowPath, source, HistoryRecorder.DEFAULT_LOG_CAP);
        ExecutionLogWriter log = new ExecutionLogWriter(home.executions());
        CacheHooks hooks = new CacheHooks(cache);
        Engine engine = new Engine(EngineSettings.of(home.executions(), work, hooks, scope.fresh() ? TaskCacheHooks.fresh(hooks) : hooks,
                new EarlierRunsInHistory(history)).withPriority(runPriority).withRenderLimits(renderLimits)
                .withSubflows(new FlowFolders(subflowFolders(flowPath), this::childFollowers)).withKeyValues(keyValues()));
        List<ExecutionListener> all = new ArrayList<>(listeners);
        all.add(log);
        all.add(recorder);
        return new RunHandle(engine.start(flow, inputs, all, scope), recorder, log);
    }

    /** Kestra's KV store of this home, in its database. */
    public dev.flowbench.store.KvStore keyValues() {
        return new dev.flowbench.store.KvStore(database);
    }

    /**
     * The folders whose flows a Subflow may start, for the runs started from now on (the command line's
     * {@code --flows}, the window's workspace folder); without any, a flow's own folder.
     */
    public void flowFolders(List<Path> folders) {
        this.flowFolders = List.copyOf(folders);
    }

    private volatile List<Path> flowFolders = List.of();

    private List<Path> subflowFolders(String flowPath) {
        if (!flowFolders.isEmpty() || flowPath == null) {
            return flowFolders;
        }
        Path folder = Path.of(flowPath).toAbsolutePath().getParent();
        return folder == null ? List.of() : List.of(folder);
    }

    /** A Subflow's child is recorded as any execution is, linked to the task run that started it. */
    private List<ExecutionListener> childFollowers(dev.flowbench.engine.Subflows.Child child) {
        String source = null;
        try {
            source = child.path() == null ? null : java.nio.file.Files.readString(Path.of(child.path()));
        } catch (IOException | RuntimeException e) {
            // the child runs from the flow read a moment ago; without its text "run again" reads the file
        }
        return List.of(new ExecutionLogWriter(home.executions()), new HistoryRecorder(history, child.path(), source,
                HistoryRecorder.DEFAULT_LOG_CAP).startedBy(child.parentExecutionId(), child.parentTaskRunId()));
    }

    /**
     * Why only {@code taskId} of {@code flow} cannot run now ({@link RunScope.Part#CHECK_ONLY}): the outputs it reads
     * that no earlier run has produced, or has as they were; empty when it can. Nothing runs and nothing is recorded
     * (what the check took from earlier runs is removed after it). Blocks until it is known.
     */
    public Optional<String> whyNotAlone(Flow flow, Map<String, Object> inputs, String taskId) throws Exception {
        Engine engine = new Engine(EngineSettings.of(home.executions(), work, dev.flowbench.engine.WorkingDirectoryHooks.NONE,
                TaskCacheHooks.NONE, new EarlierRunsInHistory(history)).withRenderLimits(renderLimits));
        dev.flowbench.engine.ExecutionResult result = engine.start(flow, inputs, List.of(), RunScope.checkOnly(taskId))
                .await(Duration.ofMinutes(2));
        dev.flowbench.engine.WorkFiles.deleteTree(home.executions().resolve(result.id()));
        return result.state() == dev.flowbench.engine.State.SUCCESS ? Optional.empty() : Optional.ofNullable(result.message());
    }

    /**
     * Opens the workspace; {@code maxCacheSize} (e.g. "10GiB") overrides the settings file when not null. Notices
     * (a database another process keeps busy) go to {@code notices}, each once. A bad setting is an
     * {@link IllegalArgumentException} naming the file and the key.
     */
    public static Workspace open(String maxCacheSize, Consumer<String> notices) throws IOException {
        FlowbenchHome home = FlowbenchHome.fromEnvironment().create();
        Settings settings = Settings.load(home.settings());
        long maxBytes = maxCacheSize != null ? size("--max-cache-size", maxCacheSize)
                : settings.get(Settings.CACHE_MAX_SIZE).map(v -> size(setting(settings, Settings.CACHE_MAX_SIZE), v))
                        .orElse(CacheStore.DEFAULT_MAX_BYTES);
        long maxLogBytes = settings.get(ExecutionLogs.MAX_SIZE_SETTING)
                .map(v -> size(setting(settings, ExecutionLogs.MAX_SIZE_SETTING), v)).orElse(ExecutionLogs.DEFAULT_MAX_BYTES);
        Duration busyTimeout = settings.get(BUSY_TIMEOUT).map(v -> duration(setting(settings, BUSY_TIMEOUT), v))
                .orElse(Database.DEFAULT_BUSY_TIMEOUT);
        // where working directories are made: on the cache's filesystem (the default), a HIT moves the kept tree in
        Path work = settings.get(Settings.WORK_DIR).map(v -> folder(setting(settings, Settings.WORK_DIR), v)).orElse(home.work());
        RenderLimits renderLimits = renderLimits(settings);
        Set<String> told = ConcurrentHashMap.newKeySet();
        Consumer<String> notice = message -> {
            if (told.add(message)) { // each wait says the same: once is enough
                notices.accept(message);
            }
        };
        Database database = null;
        Database cacheDatabase = null;
        try {
            database = Database.open(home.database(), busyTimeout, notice);
            HistoryStore history = new HistoryStore(database);
            for (String abandoned : history.closeAbandoned()) {
                ProcessTree.killOwnedBy(abandoned); // what its tasks still run, the dead process cannot stop
            }
            WorkDirectories.removeAbandoned(work);
            List<String> removedLogs = ExecutionLogs.removeOldest(home.executions(), maxLogBytes, history.runningIds());
            history.logsRemoved(removedLogs, Instant.now());
            cacheDatabase = Database.open(home.database(), busyTimeout, notice);
            CacheStore cache = CacheStore.open(cacheDatabase, home.cache(), maxBytes);
            return new Workspace(home, work, database, history, cacheDatabase, cache, renderLimits);
        } catch (SQLException e) {
            closeQuietly(database);
            closeQuietly(cacheDatabase);
            throw new IOException("cannot open the database " + home.database() + ": " + e.getMessage(), e);
        }
    }

    public static Workspace open(Consumer<String> notices) throws IOException {
        return open(null, notices);
    }

    private static RenderLimits renderLimits(Settings settings) {
        RenderLimits defaults = RenderLimits.DEFAULT;
        return new RenderLimits(
                count(settings, RenderLimits.MAX_STEPS_SETTING, defaults.maxSteps()),
                (int) count(settings, RenderLimits.MAX_SIZE_SETTING, defaults.maxSize()),
                (int) count(settings, RenderLimits.MAX_DEPTH_SETTING, defaults.maxDepth()));
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE} (the most Pebble can count), or {@code fallback} when unset. */
    private static long count(Settings settings, String key, long fallback) {
        String value = settings.get(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n >= 1 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(setting(settings, key) + ": '" + value + "' is not a whole number from 1 to "
                + Integer.MAX_VALUE);
    }

    private static String setting(Settings settings, String key) {
        return settings.file() + ": " + key;
    }

    private static Path folder(String source, String value) {
        try {
            Path folder = Path.of(value).toAbsolutePath().normalize();
            Files.createDirectories(folder);
            return folder;
        } catch (java.nio.file.InvalidPathException | IOException e) {
            throw new IllegalArgumentException(source + ": cannot use '" + value + "' as a folder: " + e.getMessage(), e);
        }
    }

    private static long size(String source, String value) {
        try {
            return Figures.parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e); // bad input: exit status 2
        }
    }

    private static Duration duration(String source, String value) {
        return IsoDuration.parse(value).filter(d -> !d.isNegative())
                .orElseThrow(() -> new IllegalArgumentException(source + ": '" + value + "' is not an ISO-8601 duration such as PT15S"));
    }

    @Override
    public void close() {
        closeQuietly(database);
        closeQuietly(cacheDatabase);
    }

    private static void closeQuietly(Database database) {
        if (database == null) {
            return;
        }
        try {
            database.close();
        } catch (SQLException e) {
            // nothing left to save
        }
    }
}
