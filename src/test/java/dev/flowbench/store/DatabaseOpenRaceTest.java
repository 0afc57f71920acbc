package dev.flowbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two commands started at once in a new home both create its database. Before the open waited, about one try in
 * fifteen failed at once with "busy" (a CI run saw it); forty tries of four openers catch that nearly always.
 */
class DatabaseOpenRaceTest {

    @RepeatedTest(40)
    void severalOpenAFreshDatabaseAtOnce(@TempDir Path home) throws Exception {
        Path file = home.resolve("flowbench.db");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> opens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opens.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    try (Database database = Database.open(file)) {
                        return database.schemaVersion();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (CompletableFuture<Integer> open : opens) {
            assertThat(open.get()).isPositive();
        }
    }
}
