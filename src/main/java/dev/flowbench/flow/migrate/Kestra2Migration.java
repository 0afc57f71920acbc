package dev.flowbench.flow.migrate;

import dev.flowbench.flow.FlowSchema;
import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.check.FlowValidator;
import dev.flowbench.flow.edit.EditResult;
import dev.flowbench.flow.edit.FlowEdits;
import dev.flowbench.flow.edit.TextEdit;
import dev.flowbench.flow.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kestra 1.x flows rewritten for Kestra 2 through the same text edits as visual editing: only what changes is
 * rewritten, comments and layout stay. {@link #plan} says what one version of a text needs (each rewrite on its own,
 * as a quick fix applies it); {@link #migrate} makes every mechanical rewrite and says what is left to a person.
 */
public final class Kestra2Migration {

    /** A flow never needs more rounds than this; a text still changing after it is refused, not looped on. */
    private static final int MAX_ROUNDS = 64;

    private Kestra2Migration() {
    }

    public static MigrationPlan plan(String text) {
        FlowEdits edits = FlowEdits.of(text);
        if (edits.root().isEmpty()) {
            Optional<Problem> yaml = YamlReader.read(text).problems().stream().filter(p -> p.code().startsWith("yaml")).findFirst();
            return new MigrationPlan(text, List.of(), List.of(new ManualChange(yaml.map(Problem::range).orElse(SourceRange.NONE),
                    "the flow does not read as YAML" + yaml.map(p -> " (" + p.message() + ")").orElse(" (its top is not a map)")
                    + ": Flowbench rewrites nothing until it does")));
        }
        Findings findings = new Findings(edits, edits.root().get(), FlowSchema.get());
        new LoopRewrites(findings).find();
        new RenameRewrites(findings).find();
        new LocalFilesRewrite(findings).find();
        new OutputDirRewrite(findings).find();
        new DefaultsRewrite(findings).find();
        new TriggerRewrites(findings).find();
        return findings.plan();
    }

    /** The problems the checker reports for Kestra 2 that may have a rewrite (the others never do). */
    private static final Set<String> FIXABLE = Set.of("removed-in-kestra-2", "deprecated");

    /**
     * The flow's problems, each that a rewrite resolves carrying it as its quick fix (one edit, one undo step). The
     * plan is made only when a problem may have one, so a Kestra 2 flow costs nothing more to check.
     */
    public static LoadedFlow withFixes(LoadedFlow loaded) {
        List<Problem> problems = loaded.problems();
        if (problems.stream().noneMatch(p -> p.suggestion() == null && FIXABLE.contains(p.code()))) {
            return loaded;
        }
        MigrationPlan plan = plan(loaded.source().text());
        if (plan.rewrites().isEmpty()) {
            return loaded;
        }
        List<Problem> fixed = new ArrayList<>(problems.size());
        for (Problem problem : problems) {
            Optional<Rewrite> rewrite = problem.suggestion() == null ? plan.rewriteAt(problem.range()) : Optional.empty();
            fixed.add(rewrite.map(r -> problem.withFix(new Problem.QuickFix(r.title(), r.edit().start(), r.edit().end(),
                    r.edit().text()))).orElse(problem));
        }
        return new LoadedFlow(loaded.source(), loaded.flow(), fixed);
    }

    /** The quick fix of the problem the checker reports at {@code range}, if Flowbench can make it. */
    public static Optional<Rewrite> fixAt(String text, SourceRange range) {
        return plan(text).rewriteAt(range);
    }

    /**
     * Every mechanical rewrite, round after round (a rewrite inside another's place waits for the next round), then
     * what Kestra 2 still refuses: the manual changes of the last plan, and the checker's errors for Kestra 2 that
     * the rewrites did not remove.
     */
    public static Migrated migrate(String original) {
        String text = original;
        List<String> applied = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            MigrationPlan plan = plan(text);
            List<TextEdit> chosen = new ArrayList<>();
            for (Rewrite rewrite : plan.rewrites()) {
                if (rewrite.places().stream().noneMatch(place -> chosen.stream().anyMatch(c -> conflict(c, place)))) {
                    chosen.addAll(rewrite.places());
                    applied.add(rewrite.title() + " (line " + rewrite.line() + ")");
                }
            }
            if (chosen.isEmpty()) {
                return new Migrated(original, text, applied, leftOver(plan));
            }
            EditResult result = FlowEdits.of(text).replaceAll(chosen);
            if (!(result instanceof EditResult.Applied done)) {
                return new Migrated(original, text, applied, withNote(leftOver(plan), ((EditResult.Refused) result).reason()));
            }
            text = done.edit().applyTo(text);
        }
        return new Migrated(original, text, applied, withNote(leftOver(plan(text)), "the rewrites did not settle"));
    }

    /** Two places conflict when they overlap or both insert at one offset (two insertions of one map's key). */
    private static boolean conflict(TextEdit a, TextEdit b) {
        return a.start() < b.end() && b.start() < a.end() || a.start() == b.start();
    }

    private static List<ManualChange> leftOver(MigrationPlan plan) {
        List<ManualChange> left = new ArrayList<>(plan.manual());
        for (Problem problem : new FlowValidator(FlowSchema.get(), KestraVersion.KESTRA_2).validate(plan.text()).problems()) {
            boolean removed = problem.isError() && problem.code().equals("removed-in-kestra-2")
                    || problem.code().equals("loop-outputs");
            if (removed && left.stream().noneMatch(m -> m.at().start().offset() == problem.range().start().offset())) {
                left.add(new ManualChange(problem.range(), problem.message()));
            }
        }
        left.sort((a, b) -> Integer.compare(a.at().start().offset(), b.at().start().offset()));
        return left;
    }

    private static List<ManualChange> withNote(List<ManualChange> manual, String why) {
        List<ManualChange> all = new ArrayList<>(manual);
        all.add(new ManualChange(SourceRange.NONE, "Flowbench stopped rewriting: " + why));
        return all;
    }
}
