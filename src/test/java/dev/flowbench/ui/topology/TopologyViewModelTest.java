package dev.flowbench.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.check.FlowValidator;
import org.junit.jupiter.api.Test;

/** The topology's state without a toolkit: a stale picture, the caret's task, the selected task's text, the SVG. */
class TopologyViewModelTest {

    private static LoadedFlow loaded(String text) {
        return new FlowValidator().validate(text);
    }

    @Test
    void anUnreadableTextKeepsTheLastPictureMarkedStale() {
        TopologyViewModel model = new TopologyViewModel();
        model.show(loaded(TopologyLayoutTest.FLOW));
        TopologyLayout.Picture picture = model.pictureProperty().get();
        assertThat(picture.boxOf("install")).isNotNull();
        model.show(loaded(TopologyLayoutTest.FLOW + "  bad: [\n"));
        assertThat(model.staleProperty().get()).isTrue();
        assertThat(model.pictureProperty().get()).isSameAs(picture);
        model.show(loaded(TopologyLayoutTest.FLOW));
        assertThat(model.staleProperty().get()).isFalse();
        assertThat(model.pictureProperty().get()).as("the same graph is not laid out again").isSameAs(picture);
    }

    @Test
    void theCaretSelectsItsTaskAndTheSelectedTaskHasItsText() {
        TopologyViewModel model = new TopologyViewModel();
        String text = TopologyLayoutTest.FLOW;
        model.show(loaded(text));
        model.selectAt(text, text.indexOf("message: y"));
        assertThat(model.selectedTaskProperty().get()).isEqualTo("yes");
        int[] span = model.selectedSpan(text).orElseThrow();
        assertThat(text.substring(span[0], span[1])).startsWith("- id: yes").endsWith("message: y");
        model.selectAt(text + " ", 0); // a text the picture was not made from: nothing moves
        assertThat(model.selectedTaskProperty().get()).isEqualTo("yes");
        assertThat(model.editsOf(text + " ")).isEmpty();
    }

    @Test
    void theSvgHasEveryTaskAndStaysAValidDocument() throws Exception {
        TopologyLayout.Picture picture = TopologyLayout.of(TopologyLayoutTest.graph(TopologyLayoutTest.FLOW),
                TopologyLayout.Orientation.VERTICAL);
        String svg = TopologySvg.of(picture);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (String id : java.util.List.of("build", "install", "use", "fan", "left", "right", "choose", "yes", "no", "notify", "alert")) {
            assertThat(svg).contains(">" + id + "</text>");
        }
        assertThat(svg).contains("cache: deps/** · ttl PT1H", "(cannot run here)", "stroke-dasharray");
    }
}
