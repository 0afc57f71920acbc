package dev.flowbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The embedded SQLite database. WAL mode and a busy wait let several Flowbench processes (the app and a
 * command line, or two runs) use one home at once; schema versions migrate forward on open. Errors say what
 * happened in words: a full disk, a database another process keeps locked (and which one).
 */
public final class Database implements AutoCloseable {

    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration NOTICE_AFTER = Duration.ofSeconds(1);

    private final Connection connection;
    private final Path file;
    private final Duration busyTimeout;
    private final DiskReserve reserve;

    private Database(Connection connection, Path file, Duration busyTimeout) {
        this.connection = connection;
        this.file = file;
        this.busyTimeout = busyTimeout;
        this.reserve = new DiskReserve(file);
    }

    public static Database open(Path file) throws SQLException {
        return open(file, DEFAULT_BUSY_TIMEOUT, notice -> { });
    }

    /**
     * Opens (creating and migrating) the database. When another process holds it locked, writes wait up to
     * {@code busyTimeout}; {@code busyNotice} is told, once a wait passes a second, who holds it.
     */
    public static Database open(Path file, Duration busyTimeout, Consumer<String> busyNotice) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) busyTimeout.toMillis());
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = connect(file, config, busyTimeout);
        Database database = new Database(connection, file, busyTimeout);
        try {
            BusyHandler.setHandler(connection, new BusyWait(file, busyTimeout, busyNotice));
            Migrations.apply(database);
            database.reserve.ensure();
        } catch (SQLException e) {
            connection.close();
            throw explain(e, file, busyTimeout);
        }
        return database;
    }

    /**
     * Connects, trying again while the database is busy. Turning a new database to WAL takes a lock SQLite does not
     * wait for (its busy handler is not called there): two processes creating one home at once would otherwise
     * see the second fail at once.
     */
    private static Connection connect(Path file, SQLiteConfig config, Duration busyTimeout) throws SQLException {
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            } catch (SQLException e) {
                if (!isBusy(e) || System.nanoTime() >= deadline) {
                    throw explain(e, file, busyTimeout);
                }
                pause(Math.min(50, attempt * 5L), e);
            }
        }
    }

    private static boolean isBusy(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == 5 || primary == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }

    private static void pause(long millis, SQLException cause) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    public Connection connection() {
        return connection;
    }

    public int schemaVersion() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Runs {@code work} in one immediate transaction: all of it is written, or none. A failure is reported as
     * itself (a failed rollback after it, as SQLite does after a full disk, does not hide it).
     */
    public synchronized <T> T transaction(SqlWork<T> work) throws SQLException {
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackAfter(e);
            throw explain(e, file, busyTimeout);
        } catch (RuntimeException e) {
            rollbackAfter(e);
            throw e;
        } finally {
            restoreAutoCommit();
        }
    }

    /**
     * Runs {@code work} as {@link #transaction} does; when the disk is full, gives up the space kept in reserve
     * beside the database and tries once more. For the few writes that must land (an execution's end).
     */
    public <T> T transactionFromReserve(SqlWork<T> work) throws SQLException {
        try {
            return transaction(work);
        } catch (SQLException e) {
            if (!isDiskFull(e) || !reserve.release()) {
                throw e;
            }
            return transaction(work);
        }
    }

    /** Whether SQLite failed for want of space (SQLITE_FULL), however the error was wrapped. */
    static boolean isDiskFull(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == 13) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work}, which only reads, on the connection. The connection is one per process and not safe from
     * several threads at once: reads and transactions take turns (the window reads while runs record).
     */
    public synchronized <T> T read(SqlWork<T> work) throws SQLException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw explain(e, file, busyTimeout);
        }
    }

    private void rollbackAfter(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // SQLite may have rolled back already (a full disk): nothing left to undo
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // "no transaction is active" after a failure SQLite already rolled back: autocommit is on either way
        }
    }

    /** An SQLite error in words: a full disk, a busy database and who holds it, a read-only or unwritable file. */
    static SQLException explain(SQLException e, Path file, Duration busyTimeout) {
        if (!(e instanceof SQLiteException sqlite)) {
            return e;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        String message = switch (primary) {
            case 13 -> "the disk holding the database " + file + " is full";
            case 5, 6 -> "the database " + file + " is busy: " + DatabaseLocks.holders(file) + " kept it locked for more than "
                    + busyTimeout.toSeconds() + " s";
            case 8 -> "the database " + file + " is read-only";
            case 10 -> "cannot read or write the database " + file + ": disk I/O error";
            default -> null;
        };
        return message == null ? e : new SQLException(message, e.getSQLState(), e.getErrorCode(), e);
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Waits while another process holds the database, telling once when the wait passes a second. */
    private static final class BusyWait extends BusyHandler {
        private final Path file;
        private final long timeoutNanos;
        private final Consumer<String> notice;
        private long waitingSince;
        private boolean told;

        BusyWait(Path file, Duration timeout, Consumer<String> notice) {
            this.file = file;
            this.timeoutNanos = timeout.toNanos();
            this.notice = notice;
        }

        @Override
        protected int callback(int previousCalls) {
            if (previousCalls == 0) {
                waitingSince = System.nanoTime();
                told = false;
            }
            long waited = System.nanoTime() - waitingSince;
            if (waited >= timeoutNanos) {
                return 0;
            }
            if (!told && waited >= NOTICE_AFTER.toNanos()) {
                told = true;
                notice.accept("the database " + file + " is busy: " + DatabaseLocks.holders(file)
                        + " holds a write lock; waiting up to " + Duration.ofNanos(timeoutNanos).toSeconds() + " s");
            }
            try {
                Thread.sleep(Math.min(50, 1 + previousCalls * 5L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            return 1;
        }
    }
}
