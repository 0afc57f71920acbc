package dev.flowbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.store.CacheDecision;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hits and misses joined with their WorkingDirectory's durations, and the time the cache saved from them. */
class CacheSavingsTest {

    private static final String SLOW_ONCE = """
            id: slow_once
            namespace: test
            tasks:
              - id: wd
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [out/**]
                  ttl: PT1H
                tasks:
                  - id: build
                    type: io.kestra.plugin.scripts.shell.Commands
                    taskRunner:
                      type: io.kestra.plugin.core.runner.Process
                    commands:
                      - "[ -f out/done ] || { sleep 1; mkdir -p out; touch out/done; }"
            """;

    @TempDir
    Path home;
    private Workspace workspace;

    @BeforeEach
    void open() throws Exception {
        System.setProperty("flowbench.home", home.toString());
        workspace = Workspace.open(notice -> { });
    }

    @AfterEach
    void close() {
        workspace.close();
        System.clearProperty("flowbench.home");
    }

    @Test
    void aSlowMissThenTwoFastHitsSaveAboutTwoOfItsSeconds() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            workspace.startRun(new FlowValidator().validate(SLOW_ONCE).flow(), Map.of(), null, List.of()).execution()
                    .await(Duration.ofMinutes(1));
        }

        List<CacheDecision> decisions = workspace.history().cacheDecisions(start);
        assertThat(decisions).extracting(CacheDecision::result).containsExactly(CacheResult.MISS, CacheResult.HIT, CacheResult.HIT);
        assertThat(decisions).allMatch(d -> d.cacheKey().equals("test/slow_once/wd") && d.workingDirectoryTook() != null);
        assertThat(decisions.get(0).workingDirectoryTook()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        CacheSavings savings = CacheSavings.of(decisions);
        assertThat(savings.hits()).isEqualTo(2);
        assertThat(savings.misses()).isEqualTo(1);
        assertThat(savings.estimatedEntries()).isEqualTo(1);
        // each hit saved the miss's time less its own: twice the miss less the hits, whatever the machine's speed
        Duration miss = decisions.get(0).workingDirectoryTook();
        Duration fastest = decisions.get(1).workingDirectoryTook().compareTo(decisions.get(2).workingDirectoryTook()) < 0
                ? decisions.get(1).workingDirectoryTook() : decisions.get(2).workingDirectoryTook();
        Duration slowest = decisions.get(1).workingDirectoryTook().plus(decisions.get(2).workingDirectoryTook()).minus(fastest);
        assertThat(savings.saved()).isBetween(miss.minus(slowest).multipliedBy(2).minusMillis(1),
                miss.minus(fastest).multipliedBy(2).plusMillis(1));
        assertThat(savings.saved()).isPositive();
    }

    @Test
    void anEntryWithoutBothKindsOfRunsSavesNothing() {
        Instant now = Instant.now();
        CacheSavings savings = CacheSavings.of(List.of(
                new CacheDecision(now, "a/b/c", CacheResult.HIT, Duration.ofMillis(100)),
                new CacheDecision(now, "a/b/d", CacheResult.MISS, Duration.ofSeconds(5)),
                new CacheDecision(now, "a/b/d", CacheResult.HIT, null)));
        assertThat(savings.saved()).isZero();
        assertThat(savings.hits()).isEqualTo(2);
        assertThat(savings.estimatedEntries()).isZero();
    }
}
