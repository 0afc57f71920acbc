package dev.flowbench.cli;

import dev.flowbench.cache.CacheStore;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.WorkDirectories;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.runner.ProcessTree;
import dev.flowbench.store.Database;
import dev.flowbench.store.ExecutionLogs;
import dev.flowbench.store.FlowbenchHome;
import dev.flowbench.store.HistoryStore;
import dev.flowbench.store.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The data a command works on: FLOWBENCH_HOME opened, its database migrated, the cache ready, and what crashed
 * processes left behind (running executions, working directories, cache files) closed or removed. The history
 * and the cache each have a connection of their own: they are written from different threads.
 */
record Workspace(FlowbenchHome home, Database database, HistoryStore history, Database cacheDatabase, CacheStore cache)
        implements AutoCloseable {

    static final String BUSY_TIMEOUT = "database.busyTimeout";

    /**
     * Opens the workspace; {@code maxCacheSize} (e.g. "10GiB") overrides the settings file when not null. Notices
     * (a database another process keeps busy) go to {@code err}.
     */
    static Workspace open(String maxCacheSize, PrintWriter err) throws IOException {
        FlowbenchHome home = FlowbenchHome.fromEnvironment().create();
        Settings settings = Settings.load(home.settings());
        long maxBytes = maxCacheSize != null ? size("--max-cache-size", maxCacheSize)
                : settings.get(Settings.CACHE_MAX_SIZE).map(v -> size(setting(settings, Settings.CACHE_MAX_SIZE), v))
                        .orElse(CacheStore.DEFAULT_MAX_BYTES);
        long maxLogBytes = settings.get(ExecutionLogs.MAX_SIZE_SETTING)
                .map(v -> size(setting(settings, ExecutionLogs.MAX_SIZE_SETTING), v)).orElse(ExecutionLogs.DEFAULT_MAX_BYTES);
        Duration busyTimeout = settings.get(BUSY_TIMEOUT).map(v -> duration(setting(settings, BUSY_TIMEOUT), v))
                .orElse(Database.DEFAULT_BUSY_TIMEOUT);
        Set<String> told = ConcurrentHashMap.newKeySet();
        Consumer<String> notice = message -> {
            if (told.add(message)) { // each wait says the same: once is enough
                err.println("flowbench: " + message);
                err.flush();
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
            WorkDirectories.removeAbandoned(home.work());
            List<String> removedLogs = ExecutionLogs.removeOldest(home.executions(), maxLogBytes, history.runningIds());
            history.logsRemoved(removedLogs, Instant.now());
            cacheDatabase = Database.open(home.database(), busyTimeout, notice);
            CacheStore cache = CacheStore.open(cacheDatabase, home.cache(), maxBytes);
            return new Workspace(home, database, history, cacheDatabase, cache);
        } catch (SQLException e) {
            closeQuietly(database);
            closeQuietly(cacheDatabase);
            throw new IOException("cannot open the database " + home.database() + ": " + e.getMessage(), e);
        }
    }

    static Workspace open(PrintWriter err) throws IOException {
        return open(null, err);
    }

    private static String setting(Settings settings, String key) {
        return settings.file() + ": " + key;
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
