package dev.flowbench.flow.pebble;

/**
 * Within a Kestra 1.x loop (ForEach, EachSequential, EachParallel), the values of the iterations a task runs in,
 * outermost first: what {@code currentEachOutput(outputs.t)} follows into outputs kept by value.
 */
public final class EachValues {

    /** The variable under which a rendering finds them, a list of texts. */
    public static final String VARIABLE = "__flowbench_each_values";

    private EachValues() {
    }
}
