package dev.flowbench.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a rendered expression holds, as Kestra reads {@code runIf}, Fail's {@code condition} and Assert's
 * {@code conditions}: empty, {@code false} and {@code 0} do not (asked of kestra-oracle, Kestra 2.0).
 */
public final class Truth {

    private static final Set<String> FALSE = Set.of("", "false", "0");

    private Truth() {
    }

    public static boolean holds(String rendered) {
        return rendered != null && !FALSE.contains(rendered.trim().toLowerCase(Locale.ROOT));
    }
}
