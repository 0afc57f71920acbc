package dev.flowbench.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every live process at one moment, read from {@code /proc} in one pass: its parent and its {@value ProcessTree#TAG_VARIABLE}
 * mark. A process tree of any size is then found in time linear in the number of processes, where asking each
 * process for its descendants reads all of {@code /proc} again each time (500 children took seconds).
 */
final class ProcSnapshot {

    private final Map<Long, Long> parents;
    private final Map<Long, String> marks;
    private final Map<Long, List<Long>> children = new HashMap<>();

    private ProcSnapshot(Map<Long, Long> parents, Map<Long, String> marks) {
        this.parents = parents;
        this.marks = marks;
        parents.forEach((pid, parent) -> children.computeIfAbsent(parent, p -> new ArrayList<>()).add(pid));
    }

    /** The live (not zombie) processes other than this one. */
    static ProcSnapshot take() {
        long self = ProcessHandle.current().pid();
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, String> marks = new HashMap<>();
        for (long pid : ProcTable.pids()) {
            if (pid == self) {
                continue;
            }
            long parent = ProcTable.liveParent(pid);
            if (parent < 0) {
                continue; // gone, or a zombie: nothing left to signal
            }
            parents.put(pid, parent);
            ProcTable.variable(pid, ProcessTree.TAG_VARIABLE).ifPresent(mark -> marks.put(pid, mark));
        }
        return new ProcSnapshot(parents, marks);
    }

    boolean isAlive(long pid) {
        return parents.containsKey(pid);
    }

    /** {@code root} (when alive), every process whose mark {@code marked} accepts, and all their descendants. */
    Set<Long> treeOf(long root, Predicate<String> marked) {
        Set<Long> tree = new LinkedHashSet<>();
        Deque<Long> next = new ArrayDeque<>();
        if (isAlive(root)) {
            next.add(root);
        }
        marks.forEach((pid, mark) -> {
            if (marked.test(mark)) {
                next.add(pid);
            }
        });
        while (!next.isEmpty()) {
            long pid = next.poll();
            if (tree.add(pid)) {
                next.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return tree;
    }
}
