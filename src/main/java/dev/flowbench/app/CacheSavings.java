package dev.flowbench.app;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.store.CacheDecision;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time the cache saved, estimated per WorkingDirectory from its own history: each HIT saved the difference
 * between its average duration after a MISS and its average after a HIT. A WorkingDirectory without both kinds of
 * runs (or whose HITs are not faster) counts nothing.
 */
public record CacheSavings(Duration saved, long hits, long misses, int estimatedEntries) {

    public static CacheSavings of(List<CacheDecision> decisions) {
        Map<String, Totals> byKey = new HashMap<>();
        long hits = 0;
        long misses = 0;
        for (CacheDecision decision : decisions) {
            Totals totals = byKey.computeIfAbsent(decision.cacheKey(), key -> new Totals());
            if (decision.result() == CacheResult.HIT) {
                hits++;
                totals.hits++;
                totals.add(true, decision.workingDirectoryTook());
            } else if (decision.result() == CacheResult.MISS) {
                misses++;
                totals.add(false, decision.workingDirectoryTook());
            }
        }
        long savedMillis = 0;
        int estimated = 0;
        for (Totals totals : byKey.values()) {
            if (totals.timedHits > 0 && totals.timedMisses > 0) {
                double each = (double) totals.missMillis / totals.timedMisses - (double) totals.hitMillis / totals.timedHits;
                if (each > 0) {
                    savedMillis += Math.round(each * totals.hits);
                    estimated++;
                }
            }
        }
        return new CacheSavings(Duration.ofMillis(savedMillis), hits, misses, estimated);
    }

    private static final class Totals {
        long hits;
        long timedHits;
        long timedMisses;
        long hitMillis;
        long missMillis;

        void add(boolean hit, Duration took) {
            if (took == null) {
                return;
            }
            if (hit) {
                timedHits++;
                hitMillis += took.toMillis();
            } else {
                timedMisses++;
                missMillis += took.toMillis();
            }
        }
    }
}
