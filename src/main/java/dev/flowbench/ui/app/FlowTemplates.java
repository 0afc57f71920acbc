package dev.flowbench.ui.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The flows File > New starts from (resources beside this class, each valid as it is). */
public final class FlowTemplates {

    /** A template: what the menu says, and the file it reads. */
    public record Template(String label, String resource) {

        public String text() {
            try (InputStream in = FlowTemplates.class.getResourceAsStream("templates/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing template " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static final List<Template> ALL = List.of(
            new Template("Empty flow", "hello.yml"),
            new Template("Cached Node dependencies", "cached_node.yml"),
            new Template("Cached Python venv", "cached_python.yml"),
            new Template("Cached shell WorkingDirectory", "cached_shell.yml"),
            new Template("Inputs and outputs", "inputs_outputs.yml"),
            new Template("Loop over values", "loop.yml"),
            new Template("If and Switch branches", "branches.yml"),
            new Template("Subflow", "subflow.yml"));

    private FlowTemplates() {
    }
}
