package dev.flowbench.cli;

import dev.flowbench.cache.CacheStore;
import dev.flowbench.cache.Figures;
import dev.flowbench.store.Database;
import dev.flowbench.store.FlowbenchHome;
import dev.flowbench.store.HistoryStore;
import dev.flowbench.store.Settings;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The data a command works on: FLOWBENCH_HOME opened, its database migrated, the cache ready. The history
 * and the cache each have a connection of their own: they are written from different threads.
 */
record Workspace(FlowbenchHome home, Database database, HistoryStore history, Database cacheDatabase, CacheStore cache)
        implements AutoCloseable {

    /** Opens the workspace; {@code maxCacheSize} (e.g. "10GiB") overrides the settings file when not null. */
    static Workspace open(String maxCacheSize) throws IOException {
        FlowbenchHome home = FlowbenchHome.fromEnvironment().create();
        long maxBytes = maxBytes(home, maxCacheSize);
        Database database = null;
        Database cacheDatabase = null;
        try {
            database = Database.open(home.database());
            HistoryStore history = new HistoryStore(database);
            history.closeAbandoned();
            cacheDatabase = Database.open(home.database());
            CacheStore cache = CacheStore.open(cacheDatabase, home.cache(), maxBytes);
            return new Workspace(home, database, history, cacheDatabase, cache);
        } catch (SQLException e) {
            closeQuietly(database);
            closeQuietly(cacheDatabase);
            throw new IOException("cannot open the database " + home.database() + ": " + e.getMessage(), e);
        }
    }

    static Workspace open() throws IOException {
        return open(null);
    }

    private static long maxBytes(FlowbenchHome home, String option) throws IOException {
        String configured = option;
        String source = "--max-cache-size";
        if (configured == null) {
            Settings settings = Settings.load(home.settings());
            configured = settings.get(Settings.CACHE_MAX_SIZE).orElse(null);
            source = settings.file() + ": " + Settings.CACHE_MAX_SIZE;
        }
        if (configured == null) {
            return CacheStore.DEFAULT_MAX_BYTES;
        }
        try {
            return Figures.parseSize(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e); // bad input: exit status 2
        }
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
