package dev.flowbench.cache;

import java.time.Duration;

/**
 * The decision before a WorkingDirectory's children run. On a HIT, {@code manifest} fingerprints what was
 * restored, so that an unchanged tree is not saved again.
 */
public record RestoreResult(boolean hit, String reason, long files, long bytes, Duration took, String manifest) {

    static RestoreResult miss(String reason, Duration took) {
        return new RestoreResult(false, reason, 0, 0, took, null);
    }
}
