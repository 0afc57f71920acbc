package dev.flowbench.cli;

import dev.flowbench.store.Database;
import dev.flowbench.store.FlowbenchHome;
import dev.flowbench.store.HistoryStore;
import java.io.IOException;
import java.sql.SQLException;

/** The data a command works on: FLOWBENCH_HOME opened, its database migrated. */
record Workspace(FlowbenchHome home, Database database, HistoryStore history) implements AutoCloseable {

    static Workspace open() throws IOException {
        FlowbenchHome home = FlowbenchHome.fromEnvironment().create();
        try {
            Database database = Database.open(home.database());
            HistoryStore history = new HistoryStore(database);
            history.closeAbandoned();
            return new Workspace(home, database, history);
        } catch (SQLException e) {
            throw new IOException("cannot open the database " + home.database() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            // nothing left to save
        }
    }
}
