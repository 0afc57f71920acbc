package dev.flowbench.flow.migrate;

import dev.flowbench.flow.SourceRange;
import java.util.List;
import java.util.Optional;

/** What one version of a flow's text needs to speak Kestra 2: the rewrites Flowbench can make, and the rest. */
public record MigrationPlan(String text, List<Rewrite> rewrites, List<ManualChange> manual) {

    public MigrationPlan {
        rewrites = List.copyOf(rewrites);
        manual = List.copyOf(manual);
    }

    /** The rewrite of the construct at {@code range} (where the checker reports it), if Flowbench can make it. */
    public Optional<Rewrite> rewriteAt(SourceRange range) {
        return rewrites.stream().filter(r -> r.at().start().offset() == range.start().offset()).findFirst();
    }
}
