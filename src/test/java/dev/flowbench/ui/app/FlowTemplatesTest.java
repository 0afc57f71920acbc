package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.check.FlowValidator;
import org.junit.jupiter.api.Test;

/** The templates a new flow starts from speak Kestra 2 (kestra-oracle validate, Kestra 2.0, accepts every one). */
class FlowTemplatesTest {

    @Test
    void everyTemplateIsValidKestra2AndTheFlowControlOnesAreOffered() {
        FlowValidator validator = new FlowValidator();
        for (FlowTemplates.Template template : FlowTemplates.ALL) {
            LoadedFlow loaded = validator.validate(template.text());
            assertThat(loaded.problems()).as(template.label() + ": " + loaded.problems()).noneMatch(Problem::isError);
            assertThat(template.text()).doesNotContain("LocalFiles", "io.kestra.core.", "BOOLEAN", "ForEach");
        }
        assertThat(FlowTemplates.ALL).extracting(FlowTemplates.Template::resource)
                .contains("loop.yml", "branches.yml", "subflow.yml");
    }
}
