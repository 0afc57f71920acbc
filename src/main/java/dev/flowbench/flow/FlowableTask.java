package dev.flowbench.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kestra flowable task Flowbench runs: it runs no process itself, it decides which of its nested tasks run and how
 * (one after another, side by side, the branch a condition or a value picks) and ends in a state made of theirs.
 *
 * @param branches     where its nested tasks are, in document order: {@code tasks}, {@code then}/{@code else}, each case
 * @param children     every nested task in document order (branches, errors and finally as written)
 * @param dependsOn    a Dag's: the ids each of its tasks waits for (empty for the other kinds)
 */
public record FlowableTask(TaskHeader header, Kind kind, List<Branch> branches, List<Task> errors, List<Task> finallyTasks,
                           List<Task> children, Map<String, List<String>> dependsOn) implements Task {

    public enum Kind {
        SEQUENTIAL(TaskTypes.SEQUENTIAL), PARALLEL(TaskTypes.PARALLEL), IF(TaskTypes.IF), SWITCH(TaskTypes.SWITCH),
        ALLOW_FAILURE(TaskTypes.ALLOW_FAILURE), DAG(TaskTypes.DAG), LOOP(TaskTypes.LOOP),
        /** LoopUntil, and WaitFor: Kestra 2.0 reads it as LoopUntil. */
        LOOP_UNTIL(TaskTypes.LOOP_UNTIL),
        /** Kestra 1.x's loops, run for users still on 1.3: their task runs carry the value, their outputs are keyed by it. */
        FOR_EACH("io.kestra.plugin.core.flow.ForEach"), EACH_SEQUENTIAL("io.kestra.plugin.core.flow.EachSequential"),
        EACH_PARALLEL("io.kestra.plugin.core.flow.EachParallel");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }

        /** A loop of Kestra 1.x (ForEach, EachSequential, EachParallel), which Kestra 2 replaced with Loop. */
        public boolean legacyLoop() {
            return this == FOR_EACH || this == EACH_SEQUENTIAL || this == EACH_PARALLEL;
        }

        /** A loop over values, each an iteration of its own: Loop, or one of 1.x's. */
        public boolean iteratesValues() {
            return this == LOOP || legacyLoop();
        }

        public static Optional<Kind> of(String canonicalType) {
            for (Kind kind : values()) {
                if (kind.type.equals(canonicalType)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Tasks held by one property: {@code tasks}, {@code then}, {@code else}, {@code defaults}, or a Switch's case
     * ({@code property} "cases", {@code key} the case's value).
     */
    public record Branch(String property, String key, List<Task> tasks) {
    }

    /** The tasks of {@code property} (the first such branch), or none. */
    public List<Task> branch(String property) {
        return branches.stream().filter(b -> b.property().equals(property)).findFirst().map(Branch::tasks).orElse(List.of());
    }

    /** A scalar property as written (an expression is rendered when the task runs). */
    public Optional<String> property(String name) {
        return header.source().string(name);
    }

    /** A property as plain Java values (maps, lists, texts, numbers), whatever its shape; empty when not written. */
    public Optional<Object> value(String name) {
        return header.source().get(name).map(dev.flowbench.flow.yaml.YamlValues::toJava);
    }
}
