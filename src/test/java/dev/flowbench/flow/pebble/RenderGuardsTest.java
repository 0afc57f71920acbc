package dev.flowbench.flow.pebble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Pebble's loops, macros and growing operations under a budget: what Kestra's expressions do, bounded. */
class RenderGuardsTest {

    private static final RenderLimits SMALL = new RenderLimits(1_000, 10_000, 20);

    private static String render(String text, Map<String, Object> variables, RenderLimits limits) {
        return KestraPebble.render(text, variables, new RenderBudget(limits, null, () -> false));
    }

    private static String render(String text) {
        return render(text, Map.of(), RenderLimits.DEFAULT);
    }

    @Test
    void loopsMacrosAndGrowingOperationsRenderAsPebbleRendersThem() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("list", List.of("a", "b", "c"));
        variables.put("map", new LinkedHashMap<>(Map.of("k", "v")));
        variables.put("array", new int[] {1, 2});
        assertThat(render("{% for x in list %}{{ loop.index }}{{ x }}/{{ loop.length }}{% if not loop.last %},{% endif %}{% endfor %}",
                variables, RenderLimits.DEFAULT)).isEqualTo("0a/3,1b/3,2c/3");
        assertThat(render("{% for e in map %}{{ e.key }}={{ e.value }}{% endfor %}", variables, RenderLimits.DEFAULT)).isEqualTo("k=v");
        assertThat(render("{% for n in array %}{{ n }}{% endfor %}{% for n in [] %}x{% else %}none{% endfor %}", variables,
                RenderLimits.DEFAULT)).isEqualTo("12none");
        assertThat(render("{% for i in range(1, 5, 2) %}{{ i }}{% endfor %}|{% for i in 1..3 %}{{ i }}{% endfor %}")).isEqualTo("135|123");
        assertThat(render("{% macro twice(s) %}{{ s ~ s }}{% endmacro %}{{ twice('ab') }}")).isEqualTo("abab");
        assertThat(render("{{ 'a-b' | replace({'-': '+', 'a': 'A'}) }} {{ [1, 2] | merge([3]) | join(',') }} {{ null ~ 'x' ~ null }}"))
                .isEqualTo("A+b 1,2,3 x");
        assertThat(render("{% macro down(n) %}{{ n }}{% if n > 0 %}{{ down(n - 1) }}{% endif %}{% endmacro %}{{ down(3) }}"))
                .isEqualTo("3210");
    }

    @Test
    void everyLimitStopsTheRenderingSayingWhich() {
        assertThatThrownBy(() -> render("{% for i in range(1, 100) %}{% for j in range(1, 100) %}{% endfor %}{% endfor %}",
                Map.of(), SMALL)).isInstanceOf(RenderStopped.class).hasMessageContaining("more than 1,000 times")
                .hasMessageContaining("render.maxSteps");
        assertThatThrownBy(() -> render("{% set s = 'ab' %}{% for i in range(1, 40) %}{% set s = s ~ s %}{% endfor %}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("'~' would hold 16,384 characters or items")
                .hasMessageContaining("render.maxSize");
        assertThatThrownBy(() -> render("{% set s = 'ab' %}{% for i in range(1, 40) %}{% set s = s | replace({'a': 'aa', 'b': 'bb'}) %}{% endfor %}",
                Map.of(), SMALL)).isInstanceOf(RenderStopped.class).hasMessageContaining("replace would hold");
        assertThatThrownBy(() -> render("{% set l = [1] %}{% for i in range(1, 40) %}{% set l = l | merge(l) %}{% endfor %}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("merge would hold 16,384");
        assertThatThrownBy(() -> render("{{ range(0, 2000000000) | length }}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("range(0, 2000000000) would hold 2,000,000,001");
        assertThatThrownBy(() -> render("{% for i in range(1, 5, 0) %}{% endfor %}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("range(1, 5, 0)");
        assertThatThrownBy(() -> render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("macro 'f' nests more than 20 calls deep")
                .hasMessageContaining("render.maxDepth");
        assertThatThrownBy(() -> render("{% for i in range(1, 999) %}{{ 'xxxxxxxxxxxxxxxxxxxx' }}{% endfor %}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("rendered text would hold more than 10,000 characters");
    }

    @Test
    void aMacroCallingItselfTwiceAtEachLevelIsStoppedByItsCallsNotItsDepth() {
        assertThatThrownBy(() -> render("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(18) }}",
                Map.of(), SMALL)).isInstanceOf(RenderStopped.class).hasMessageContaining("more than 1,000 times");
    }

    @Test
    void anIncludeOfItselfIsStoppedByTheDepthLimit() {
        assertThatThrownBy(() -> render("{% set t = '{% include t %}' %}{% include t %}", Map.of(), SMALL))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("an include nests more than 20 calls deep");
    }

    @Test
    void aRecursionDeeperThanTheStackIsALimitNotACrash() {
        RenderLimits deep = new RenderLimits(10_000_000, 10_000, 1_000_000);
        assertThatThrownBy(() -> render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", Map.of(), deep))
                .isInstanceOf(RenderStopped.class).hasMessageContaining("deeper than the thread's stack allows");
    }

    @Test
    void aDeadlineOrACancellationStopsALoopThatWouldRunForMinutes() {
        String endless = "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}{% endfor %}{% endfor %}";
        RenderLimits many = new RenderLimits(Long.MAX_VALUE, RenderLimits.DEFAULT.maxSize(), 100);
        long start = System.nanoTime();
        assertThatThrownBy(() -> KestraPebble.render(endless, Map.of(), new RenderBudget(many, Instant.now().plusMillis(300), () -> false)))
                .isInstanceOfSatisfying(RenderStopped.class, e -> assertThat(e.reason()).isEqualTo(RenderStopped.Reason.TIMED_OUT));
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(true);
        });
        canceller.start();
        assertThatThrownBy(() -> KestraPebble.render(endless, Map.of(), new RenderBudget(many, null, cancelled::get)))
                .isInstanceOfSatisfying(RenderStopped.class, e -> assertThat(e.reason()).isEqualTo(RenderStopped.Reason.CANCELLED));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms for both").isLessThan(30_000);
    }
}
