package dev.flowbench.ui.run;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** How states and cache results look everywhere in the run panel: one icon and one colour (a pseudo-class) each. */
public final class StateLook {

    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    private static final PseudoClass NOT_RUN = PseudoClass.getPseudoClass("not-run");
    private static final List<PseudoClass> STATES = new ArrayList<>();
    private static final List<PseudoClass> CACHE_RESULTS = Arrays.stream(CacheResult.values()).map(StateLook::pseudoClass).toList();

    static {
        Arrays.stream(State.values()).map(StateLook::pseudoClass).forEach(STATES::add);
        STATES.add(WAITING);
    }

    private StateLook() {
    }

    public static Ikon icon(State state) {
        if (state == null) {
            return Feather.CLOCK;
        }
        return switch (state) {
            case RUNNING -> Feather.LOADER;
            case SUCCESS -> Feather.CHECK_CIRCLE;
            case WARNING -> Feather.ALERT_TRIANGLE;
            case FAILED -> Feather.X_CIRCLE;
            case KILLED -> Feather.SLASH;
            case CANCELLED -> Feather.STOP_CIRCLE;
            case PAUSED -> Feather.PAUSE_CIRCLE;
            case SKIPPED -> Feather.MINUS_CIRCLE;
        };
    }

    public static String text(State state) {
        return state == null ? "waiting" : state.name();
    }

    /** Marks {@code node} with the state's pseudo-class ({@code :running}, {@code :success}...; {@code :waiting}). */
    public static void mark(Node node, State state) {
        PseudoClass wanted = state == null ? WAITING : pseudoClass(state);
        STATES.forEach(each -> node.pseudoClassStateChanged(each, each == wanted));
    }

    /** Marks {@code node} as a task the run did not reach ({@code :not-run}: greyed), or not. */
    public static void markUnreached(Node node, boolean unreached) {
        node.pseudoClassStateChanged(NOT_RUN, unreached);
    }

    /** Marks {@code node} with the result's pseudo-class: {@code :hit}, {@code :miss}, {@code :saved}... */
    public static void mark(Node node, CacheResult result) {
        PseudoClass wanted = result == null ? null : pseudoClass(result);
        CACHE_RESULTS.forEach(each -> node.pseudoClassStateChanged(each, each == wanted));
    }

    private static PseudoClass pseudoClass(State state) {
        return PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT));
    }

    private static PseudoClass pseudoClass(CacheResult result) {
        return PseudoClass.getPseudoClass(result.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
