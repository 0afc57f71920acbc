package dev.flowbench.flow.migrate;

import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.TaskRef;
import dev.flowbench.flow.edit.TextEdit;
import dev.flowbench.flow.yaml.YamlList;
import dev.flowbench.flow.yaml.YamlMap;
import dev.flowbench.flow.yaml.YamlNode;
import dev.flowbench.flow.yaml.YamlScalar;
import dev.flowbench.flow.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LocalFiles tasks as their WorkingDirectory's {@code inputFiles} and {@code outputFiles}: the files a LocalFiles writes
 * before the directory's other tasks become its inputFiles, the globs one collects after them its outputFiles, the
 * LocalFiles tasks go (their comment lines stay), and {@code outputs.<localFiles>.uris} reads
 * {@code outputs.<workingDirectory>.outputFiles}. One rewrite per WorkingDirectory, so that two LocalFiles never
 * write its inputFiles twice. A LocalFiles elsewhere, or among other tasks, is left to a person.
 */
final class LocalFilesRewrite {

    static final String LOCAL_FILES = "io.kestra.plugin.core.storage.LocalFiles";

    private final Findings findings;

    LocalFilesRewrite(Findings findings) {
        this.findings = findings;
    }

    void find() {
        Set<TaskRef> directories = new LinkedHashSet<>();
        for (TaskRef ref : findings.tasks) {
            if (!isLocalFiles(ref)) {
                continue;
            }
            if (ref.parent() != null && ref.parent().isWorkingDirectory() && ref.listKey().equals("tasks")) {
                directories.add(ref.parent());
            } else {
                findings.manual(ref.task().valueRange("type"), "LocalFiles was removed in Kestra 2.0 and this one is not"
                        + " in a WorkingDirectory's tasks: write its files as 'inputFiles'/'outputFiles' of the task"
                        + " that uses them");
            }
        }
        directories.forEach(this::rewrite);
    }

    private boolean isLocalFiles(TaskRef ref) {
        return findings.canonical(ref.type()).equals(LOCAL_FILES);
    }

    private void rewrite(TaskRef directory) {
        YamlMap wd = directory.task();
        YamlList children = (YamlList) wd.get("tasks").orElseThrow();
        List<TaskRef> locals = findings.tasks.stream().filter(r -> r.parent() == directory && r.list() == children && isLocalFiles(r)).toList();
        Map<String, Object> inputFiles = new LinkedHashMap<>();
        List<Object> outputFiles = new ArrayList<>();
        List<EditResult> steps = new ArrayList<>();
        String refused = null;
        for (TaskRef local : locals) {
            YamlMap task = local.task();
            boolean onlyLocalBefore = allLocal(children, 0, local.index(), locals);
            boolean onlyLocalAfter = allLocal(children, local.index() + 1, children.size(), locals);
            YamlNode inputs = task.get("inputs").orElse(null);
            if (inputs != null) {
                if (!onlyLocalBefore) {
                    refused = local.id() + " writes files after other tasks have run";
                } else if (YamlValues.toJava(inputs) instanceof Map<?, ?> files) {
                    files.forEach((name, content) -> inputFiles.put(String.valueOf(name), content));
                } else {
                    refused = local.id() + "'s inputs are not a map of files";
                }
            }
            YamlNode outputs = task.get("outputs").orElse(null);
            if (outputs != null) {
                if (!onlyLocalAfter) {
                    refused = local.id() + " collects files before other tasks have run";
                } else if (YamlValues.toJava(outputs) instanceof List<?> globs) {
                    outputFiles.addAll(globs);
                } else {
                    refused = local.id() + "'s outputs are not a list of files";
                }
            }
        }
        if (!inputFiles.isEmpty() && wd.has("inputFiles") || !outputFiles.isEmpty() && wd.has("outputFiles")) {
            refused = directory.id() + " has inputFiles or outputFiles of its own already";
        }
        String title = "Move LocalFiles into " + directory.id() + "'s inputFiles and outputFiles";
        if (refused != null || locals.size() == children.size()) {
            String why = refused != null ? refused : directory.id() + " would have no task left";
            for (TaskRef local : locals) {
                findings.manual(local.task().valueRange("type"), "LocalFiles was removed in Kestra 2.0: write its files as "
                        + directory.id() + "'s 'inputFiles'/'outputFiles' (" + why + ")");
            }
            return;
        }
        if (!inputFiles.isEmpty()) {
            steps.add(findings.edits.addAfter(wd, "type", "inputFiles", inputFiles));
        }
        if (!outputFiles.isEmpty()) {
            steps.add(findings.edits.addAfter(wd, "type", "outputFiles", outputFiles));
        }
        for (TaskRef local : locals) {
            steps.add(findings.edits.remove(local.id()));
        }
        steps.addAll(readers(locals, directory.id()));
        for (TaskRef local : locals) {
            findings.offer(title, local.task().valueRange("type"), steps);
        }
    }

    private static boolean allLocal(YamlList children, int from, int to, List<TaskRef> locals) {
        for (int i = from; i < to; i++) {
            int index = i;
            boolean disabled = children.get(i) instanceof YamlMap task && YamlValues.bool(task, "disabled", false);
            if (!disabled && locals.stream().noneMatch(l -> l.index() == index)) {
                return false;
            }
        }
        return true;
    }

    /** {@code outputs.<local>.uris} as {@code outputs.<directory>.outputFiles}, wherever it is read. */
    private List<EditResult> readers(List<TaskRef> locals, String directory) {
        String ids = String.join("|", locals.stream().map(l -> Pattern.quote(l.id())).toList());
        Pattern uris = Pattern.compile("(?<![\\w.])outputs(?:\\.(?:" + ids + ")(?![\\w-])|\\[\\s*['\"](?:" + ids
                + ")['\"]\\s*])\\.uris\\b");
        List<EditResult> edits = new ArrayList<>();
        for (YamlScalar scalar : Findings.allScalars(findings.root)) {
            TextEdit edit = findings.inExpressions(scalar, e -> uris.matcher(e).replaceAll(
                    Matcher.quoteReplacement("outputs." + directory + ".outputFiles")));
            if (edit != null) {
                edits.add(EditResult.of(edit));
            }
        }
        return edits;
    }
}
