package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.KvValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A KV store of before values had types (schema 12) opens with every value kept, as a STRING; typed ones follow. */
class KvTypesMigrationTest {

    private static final int BEFORE = 12;

    @TempDir
    Path home;

    @Test
    void valuesKeptBeforeTypesReadAsTextsAndTypedOnesKeepTheirType() throws Exception {
        Path file = home.resolve("flowbench.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = old.createStatement()) {
            for (List<String> step : Migrations.STEPS.subList(0, BEFORE)) {
                for (String statement : step) {
                    sql.execute(statement);
                }
            }
            sql.execute("PRAGMA user_version = " + BEFORE);
            sql.execute("INSERT INTO kv (namespace, key, value, updated_at) VALUES ('ns', 'count', '41', 1000)");
        }
        try (Database database = Database.open(file)) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.STEPS.size());
            KvStore store = new KvStore(database);
            assertThat(store.get("ns", "count")).contains(new KvValue("41", KvValue.Type.STRING));
            store.set("ns", "limit", KvValue.of("5", KvValue.Type.NUMBER), true, null);
            assertThat(store.get("ns", "limit").orElseThrow().forExpressions()).isEqualTo(5L);
            assertThat(store.entries("ns")).extracting(entry -> entry.value().type())
                    .containsExactly(KvValue.Type.STRING, KvValue.Type.NUMBER);
        }
    }
}
