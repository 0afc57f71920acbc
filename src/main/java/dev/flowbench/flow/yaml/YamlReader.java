package dev.flowbench.flow.yaml;

import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourcePosition;
import dev.flowbench.flow.SourceRange;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 text into a {@link YamlNode} tree with source ranges. Never throws: syntax errors,
 * duplicate keys and documents too large or too deeply aliased become problems.
 *
 * <p>Aliases are expanded into the tree, bounded by {@link #MAX_NODES} so that an "aliases bomb"
 * cannot exhaust memory; nesting is bounded by {@link #MAX_DEPTH}.
 */
public final class YamlReader {

    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    public static final int MAX_NODES = 1_000_000;
    public static final int MAX_DEPTH = 400;
    private static final int MAX_COLLECTION_ALIASES = 200;

    private YamlReader() {
    }

    public static YamlDocument read(String text) {
        SourceText source = new SourceText(text);
        List<Problem> problems = new ArrayList<>();
        if (text.length() > MAX_CODE_POINTS) {
            problems.add(Problem.error("yaml-limit", tooLarge(), SourceRange.at(SourcePosition.START)));
            return new YamlDocument(source, null, problems);
        }
        YamlNode root = null;
        try {
            Iterator<Node> documents = new Compose(settings()).composeAllFromString(source.yaml()).iterator();
            if (documents.hasNext()) {
                Node first = documents.next();
                root = new Converter(source, problems).convert(first);
                if (documents.hasNext()) {
                    Node second = documents.next();
                    problems.add(Problem.error("yaml-multiple-documents",
                            "a flow file holds one YAML document; another one starts here", rangeOf(source, second)));
                }
            }
        } catch (MarkedYamlEngineException e) {
            problems.add(syntaxProblem(source, e));
            root = null;
        } catch (YamlEngineException e) {
            problems.add(Problem.error("yaml-limit", limitMessage(e), SourceRange.at(SourcePosition.START)));
            root = null;
        } catch (StackOverflowError e) {
            problems.add(Problem.error("yaml-too-deep",
                    "the document nests too deeply to be a flow", SourceRange.at(SourcePosition.START)));
            root = null;
        }
        return new YamlDocument(source, root, problems);
    }

    private static LoadSettings settings() {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // reported by the converter, with both positions
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
    }

    private static Problem syntaxProblem(SourceText source, MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem().trim();
        // "unexpected end of stream" is found at the end; where the unclosed thing began is more useful
        Optional<Mark> mark = problem.contains("end of stream") && e.getContextMark().isPresent()
                ? e.getContextMark() : e.getProblemMark().or(e::getContextMark);
        SourceRange range = mark.map(m -> pointRange(source, m)).orElse(SourceRange.at(SourcePosition.START));
        String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
        Problem p = Problem.error("yaml-syntax", "YAML syntax error: " + problem + context, range);
        if (problem.contains("end of stream") && context.contains("quoted scalar")) {
            return Problem.error("yaml-syntax", "YAML syntax error: this quoted string is never closed", range);
        }
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            return Problem.error("yaml-syntax",
                    "YAML syntax error: a tab character; YAML indents with spaces only", range);
        }
        return p;
    }

    private static String limitMessage(YamlEngineException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("code points")) {
            return tooLarge();
        }
        if (message.contains("aliases")) {
            return "the document uses too many aliases (over " + MAX_COLLECTION_ALIASES + ")";
        }
        return "the document cannot be read: " + message;
    }

    private static String tooLarge() {
        return "the document is too large to be a flow (over " + MAX_CODE_POINTS / (1024 * 1024) + "M characters)";
    }

    private static SourceRange pointRange(SourceText source, Mark mark) {
        SourcePosition at = source.position(mark);
        int endOffset = Math.min(at.offset() + 1, source.text().length());
        boolean atLineEnd = endOffset == at.offset() || source.text().charAt(at.offset()) == '\n';
        return atLineEnd ? SourceRange.at(at)
                : new SourceRange(at, new SourcePosition(at.line(), at.column() + 1, endOffset));
    }

    private static SourceRange rangeOf(SourceText source, Node node) {
        Optional<Mark> start = node.getStartMark();
        Optional<Mark> end = node.getEndMark().or(() -> start);
        return start.map(s -> source.range(s, end.get())).orElse(SourceRange.NONE);
    }

    /** Turns snakeyaml's composed graph into our tree, expanding aliases within a budget. */
    private static final class Converter {
        private final SourceText source;
        private final List<Problem> problems;
        private final Map<Node, Boolean> ancestors = new IdentityHashMap<>();
        private int nodes;
        private boolean budgetExceeded;

        Converter(SourceText source, List<Problem> problems) {
            this.source = source;
            this.problems = problems;
        }

        YamlNode convert(Node root) {
            YamlNode converted = convert(root, 0);
            return budgetExceeded ? null : converted;
        }

        private YamlNode convert(Node node, int depth) {
            SourceRange range = rangeOf(source, node);
            if (budgetExceeded) {
                return nullAt(range);
            }
            if (++nodes > MAX_NODES) {
                budgetExceeded = true;
                problems.add(Problem.error("yaml-limit", "the document expands to more than " + MAX_NODES
                        + " nodes (through aliases?); it cannot be a flow", range));
                return nullAt(range);
            }
            if (depth > MAX_DEPTH) {
                budgetExceeded = true;
                problems.add(Problem.error("yaml-too-deep", "the document nests more than " + MAX_DEPTH
                        + " levels deep; it cannot be a flow", range));
                return nullAt(range);
            }
            if (ancestors.containsKey(node)) {
                problems.add(Problem.error("yaml-recursive-alias", "an alias refers to a node that contains it", range));
                return nullAt(range);
            }
            if (node instanceof ScalarNode scalar) {
                return new YamlScalar(scalar.getValue(), kindOf(scalar.getTag()), range);
            }
            ancestors.put(node, Boolean.TRUE);
            try {
                if (node instanceof SequenceNode sequence) {
                    List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
                    for (Node item : sequence.getValue()) {
                        items.add(convert(item, depth + 1));
                    }
                    return new YamlList(items, range);
                }
                return convertMap((MappingNode) node, range, depth);
            } finally {
                ancestors.remove(node);
            }
        }

        private YamlMap convertMap(MappingNode mapping, SourceRange range, int depth) {
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                SourceRange keyRange = rangeOf(source, keyNode);
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.add(Problem.error("yaml-complex-key", "a key must be a plain name, not "
                            + (keyNode instanceof SequenceNode ? "a list" : "a map"), keyRange));
                    continue;
                }
                String key = keyScalar.getValue();
                YamlNode value = convert(tuple.getValueNode(), depth + 1);
                YamlMap.Entry first = entries.get(key);
                if (first != null) {
                    problems.add(Problem.error("duplicate-key", "duplicate key '" + key + "' (first at line "
                            + first.keyRange().start().line() + ")", keyRange));
                    continue;
                }
                entries.put(key, new YamlMap.Entry(key, keyRange, value));
            }
            return new YamlMap(entries, range);
        }

        private static YamlScalar nullAt(SourceRange range) {
            return new YamlScalar("", YamlScalar.Kind.NULL, range);
        }

        private static YamlScalar.Kind kindOf(Tag tag) {
            if (Tag.INT.equals(tag)) {
                return YamlScalar.Kind.INTEGER;
            }
            if (Tag.FLOAT.equals(tag)) {
                return YamlScalar.Kind.FLOAT;
            }
            if (Tag.BOOL.equals(tag)) {
                return YamlScalar.Kind.BOOLEAN;
            }
            if (Tag.NULL.equals(tag)) {
                return YamlScalar.Kind.NULL;
            }
            return YamlScalar.Kind.STRING;
        }
    }
}
