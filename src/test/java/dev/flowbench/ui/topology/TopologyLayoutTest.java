package dev.flowbench.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.check.FlowValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The picture of a flow: every task has a box, none overlap, groups hold their children, sequences keep their order. */
class TopologyLayoutTest {

    static final String FLOW = """
            id: shapes
            namespace: company.team
            tasks:
              - id: build
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns: [deps/**]
                  ttl: PT1H
                tasks:
                  - id: install
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [echo]
                  - id: use
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands: [echo]
              - id: fan
                type: io.kestra.plugin.core.flow.Parallel
                tasks:
                  - id: left
                    type: io.kestra.plugin.core.log.Log
                    message: l
                  - id: right
                    type: io.kestra.plugin.core.log.Log
                    message: r
              - id: choose
                type: io.kestra.plugin.core.flow.If
                condition: "{{ true }}"
                then:
                  - id: yes
                    type: io.kestra.plugin.core.log.Log
                    message: y
                else:
                  - id: no
                    type: io.kestra.plugin.core.log.Log
                    message: n
              - id: notify
                type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
                url: https://example.com
            errors:
              - id: alert
                type: io.kestra.plugin.core.log.Log
                message: failed
            """;

    static TopologyGraph graph(String yaml) {
        return TopologyGraph.of(new FlowValidator().validate(yaml).flow());
    }

    @Test
    void everyTaskHasABoxInsideItsGroupAndSiblingsNeverOverlap() {
        for (TopologyLayout.Orientation orientation : TopologyLayout.Orientation.values()) {
            TopologyGraph graph = graph(FLOW);
            TopologyLayout.Picture picture = TopologyLayout.of(graph, orientation);
            assertThat(picture.boxes()).extracting(box -> box.node().taskId())
                    .containsExactlyInAnyOrderElementsOf(graph.taskIds())
                    .containsExactlyInAnyOrder("build", "install", "use", "fan", "left", "right", "choose", "yes", "no", "notify", "alert");
            for (TopologyLayout.Box a : picture.boxes()) {
                for (TopologyLayout.Box b : picture.boxes()) {
                    if (a != b && !a.contains(b) && !b.contains(a)) {
                        boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                                || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                        assertThat(apart).as("%s and %s (%s)", a.node().taskId(), b.node().taskId(), orientation).isTrue();
                    }
                }
                assertThat(a.x() + a.width()).isLessThanOrEqualTo(picture.width());
                assertThat(a.y() + a.height()).isLessThanOrEqualTo(picture.height());
            }
            assertThat(picture.boxOf("build").contains(picture.boxOf("install"))).isTrue();
            assertThat(picture.boxOf("fan").contains(picture.boxOf("right"))).isTrue();
            assertThat(picture.boxOf("choose").contains(picture.boxOf("no"))).isTrue();
        }
    }

    @Test
    void sequencesRunAlongTheAxisAndBranchesAcrossIt() {
        TopologyLayout.Picture down = TopologyLayout.of(graph(FLOW), TopologyLayout.Orientation.VERTICAL);
        assertThat(down.boxOf("build").y()).isLessThan(down.boxOf("fan").y());
        assertThat(down.boxOf("install").y()).isLessThan(down.boxOf("use").y());
        assertThat(down.boxOf("left").y()).isEqualTo(down.boxOf("right").y());
        assertThat(down.boxOf("left").x()).isLessThan(down.boxOf("right").x());
        assertThat(down.boxOf("notify").y()).isLessThan(down.boxOf("alert").y());
        assertThat(down.labels()).extracting(TopologyLayout.Label::text).contains("errors", "then", "else");
        assertThat(down.edges()).anyMatch(TopologyLayout.Edge::dashed);

        TopologyLayout.Picture across = TopologyLayout.of(graph(FLOW), TopologyLayout.Orientation.HORIZONTAL);
        assertThat(across.boxOf("build").x()).isLessThan(across.boxOf("fan").x());
        assertThat(across.boxOf("build").y()).isEqualTo(across.boxOf("fan").y());
        assertThat(across.boxOf("install").x()).as("a group's tasks run down inside it").isEqualTo(across.boxOf("use").x());
        assertThat(across.boxOf("install").y()).isLessThan(across.boxOf("use").y());
        assertThat(across.boxOf("left").y()).as("branches side by side").isEqualTo(across.boxOf("right").y());
        assertThat(across.boxOf("left").x()).isLessThan(across.boxOf("right").x());
    }

    @Test
    void kindsAndTheCacheAreKnownToTheGraph() {
        TopologyGraph graph = graph(FLOW);
        TopologyGraph.Node build = graph.sections().get(0).nodes().get(0);
        assertThat(build.kind()).isEqualTo(TopologyGraph.Kind.WORKING_DIRECTORY);
        assertThat(build.cache()).isEqualTo("deps/** · ttl PT1H");
        assertThat(graph.sections().get(0).nodes()).extracting(TopologyGraph.Node::kind).containsExactly(
                TopologyGraph.Kind.WORKING_DIRECTORY, TopologyGraph.Kind.FLOWABLE, TopologyGraph.Kind.FLOWABLE, TopologyGraph.Kind.PLUGIN);
        assertThat(graph.sections()).extracting(TopologyGraph.Section::label).containsExactly(null, "errors");
    }

    @Test
    void sixtyTasksMakeAPictureThatFitsWhenZoomedOut() {
        StringBuilder yaml = new StringBuilder("id: many\nnamespace: n\ntasks:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  - id: t").append(i).append("\n    type: io.kestra.plugin.core.log.Log\n    message: m\n");
        }
        TopologyLayout.Picture picture = TopologyLayout.of(graph(yaml.toString()), TopologyLayout.Orientation.VERTICAL);
        assertThat(picture.boxes()).hasSize(60);
        assertThat(picture.height()).isLessThan(60 * (TopologyLayout.TASK_HEIGHT + 30) + 100);
        assertThat(List.copyOf(picture.boxes()).stream().mapToDouble(TopologyLayout.Box::y).toArray()).isSorted();
    }
}
