package dev.flowbench.flow.pebble;

/**
 * How much one rendering of a text may do, so that no expression can hang the engine or exhaust its memory: loop
 * iterations and macro calls in all ({@code maxSteps}), characters in the rendered text and in any string an
 * expression builds, items in any list it builds ({@code maxSize}), and macro calls or includes nested in one another
 * ({@code maxDepth}). Each is settable in {@code settings.properties} ({@code render.maxSteps}, {@code render.maxSize},
 * {@code render.maxDepth}); a text that passes one fails its task saying which.
 */
public record RenderLimits(long maxSteps, int maxSize, int maxDepth) {

    public static final RenderLimits DEFAULT = new RenderLimits(1_000_000, 16 * 1024 * 1024, 100);

    public static final String MAX_STEPS_SETTING = "render.maxSteps";
    public static final String MAX_SIZE_SETTING = "render.maxSize";
    public static final String MAX_DEPTH_SETTING = "render.maxDepth";

    public RenderLimits {
        if (maxSteps < 1 || maxSize < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("render limits are at least 1");
        }
    }
}
