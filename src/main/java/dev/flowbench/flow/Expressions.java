package dev.flowbench.flow;

/** Facts about Pebble expressions in property values. */
public final class Expressions {

    private Expressions() {
    }

    /** True for text that renders at run time ({@code {{ ... }}}), whose value only then can be checked. */
    public static boolean isTemplate(String text) {
        return text != null && text.contains("{{");
    }
}
