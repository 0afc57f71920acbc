package dev.flowbench.flow.migrate;

import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.edit.TextEdit;
import dev.flowbench.flow.yaml.YamlScalar;
import dev.flowbench.flow.pebble.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{ outputDir }}/name} as Kestra 2 writes it: the file written in the task's working directory
 * ({@code name}) and listed in its {@code outputFiles}, where {@code outputs.<task>.outputFiles['name']} finds it as
 * before. Only where every use names a file after the slash, and the task lists no outputFiles of its own.
 */
final class OutputDirRewrite {

    private static final Pattern ANY = Expressions.reading("outputDir");
    private static final Pattern FILE = Pattern.compile("\\{\\{\\s*outputDir\\s*}}/([\\w.-]+(?:/[\\w.-]+)*)");

    private final Findings findings;

    OutputDirRewrite(Findings findings) {
        this.findings = findings;
    }

    void find() {
        for (TaskRef ref : findings.tasks) {
            List<YamlScalar> uses = TaskRef.ownScalars(ref.task()).stream().filter(s -> ANY.matcher(s.value()).find()).toList();
            if (!uses.isEmpty()) {
                rewrite(ref, uses);
            }
        }
    }

    private void rewrite(TaskRef ref, List<YamlScalar> uses) {
        Set<String> files = new LinkedHashSet<>();
        List<EditResult> steps = new ArrayList<>();
        boolean mechanical = !ref.task().has("outputFiles");
        for (YamlScalar scalar : uses) {
            String written = findings.written(scalar);
            Matcher named = FILE.matcher(written);
            StringBuilder out = new StringBuilder();
            while (named.find()) {
                files.add(named.group(1));
                named.appendReplacement(out, Matcher.quoteReplacement(named.group(1)));
            }
            String after = named.appendTail(out).toString();
            mechanical &= !ANY.matcher(after).find(); // an outputDir left without a file name after it
            int start = scalar.range().start().offset();
            steps.add(EditResult.of(new TextEdit(start, start + written.length(), after)));
        }
        if (!mechanical) {
            for (YamlScalar scalar : uses) {
                findings.manual(scalar.range(), "{{ outputDir }} was removed in Kestra 2.0: write the files in the task's"
                        + " working directory and list them in its 'outputFiles'");
            }
            return;
        }
        steps.add(findings.edits.addAfter(ref.task(), "type", "outputFiles", new ArrayList<>(files)));
        for (YamlScalar scalar : uses) {
            findings.offer("Write the files in the working directory, listed in outputFiles", scalar.range(), steps);
        }
    }
}
