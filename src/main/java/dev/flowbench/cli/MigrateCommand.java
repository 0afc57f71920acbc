package dev.flowbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.flowbench.app.FlowFiles;
import dev.flowbench.flow.migrate.Kestra2Migration;
import dev.flowbench.flow.migrate.ManualChange;
import dev.flowbench.flow.migrate.Migrated;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Rewrite Kestra 1.x flows for Kestra 2: per flow, ✔ compatible, the diff of what Flowbench"
                + " rewrites (comments and layout kept), or ✗ what needs a person.",
                "Without --write nothing is changed (--check)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every flow is compatible with Kestra 2 (with --write: once rewritten)",
                "1:a flow needs migrating (with --write: a flow still needs a person)",
                "2:bad arguments or a file that cannot be read or written"})
final class MigrateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Flow files, or folders whose .yml and .yaml files are taken.")
    List<Path> paths;

    @Option(names = "--check", description = "Say what would change, change nothing (the default).")
    boolean check;

    @Option(names = "--write", description = "Rewrite each flow in place, whole or not at all.")
    boolean write;

    @Option(names = "--json", description = "Print one JSON object per flow instead.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (check && write) {
            err.println("flowbench: --check and --write cannot go together: --check changes nothing, --write rewrites");
            err.flush();
            return ExitCodes.USAGE;
        }
        boolean failed = false;
        int compatible = 0;
        int rewritten = 0;
        int manual = 0;
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            try {
                files.addAll(flowsIn(path));
            } catch (IOException | UncheckedIOException e) {
                err.println("flowbench: " + path + ": cannot read (" + e.getMessage() + ")");
                failed = true;
            }
        }
        for (Path file : files) {
            FlowFile.Read read = FlowFile.read(file.toString());
            if (read.error() != null) {
                err.println("flowbench: " + read.error());
                failed = true;
                continue;
            }
            Migrated migrated = Kestra2Migration.migrate(read.text());
            String written = null;
            if (write && migrated.changed()) {
                written = writeBack(file, read.text(), migrated.text());
                if (written != null) {
                    err.println("flowbench: " + file + ": " + written + "; the file is unchanged");
                    failed = true;
                }
            }
            if (json) {
                out.println(json(file, migrated, written == null));
            } else {
                print(out, file, migrated);
            }
            compatible += migrated.compatible() ? 1 : 0;
            rewritten += migrated.changed() ? 1 : 0;
            manual += migrated.manual().isEmpty() ? 0 : 1;
        }
        if (!json && files.size() > 1) {
            out.println(files.size() + " flows: " + compatible + " compatible, " + rewritten + (write ? " rewritten, " : " to rewrite, ")
                    + manual + " needing a person");
        }
        out.flush();
        err.flush();
        if (failed) {
            return ExitCodes.USAGE;
        }
        return manual > 0 || !write && rewritten > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static List<Path> flowsIn(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    /** Writes the migrated text over the file, unless the file changed since it was read; the reason when not written. */
    private static String writeBack(Path file, String read, String migrated) {
        try {
            if (!FlowFiles.read(file).equals(read)) {
                return "it changed while Flowbench was migrating it";
            }
            FlowFiles.writeAtomically(file, migrated);
            return null;
        } catch (IOException e) {
            return "cannot write (" + e.getMessage() + ")";
        }
    }

    private void print(PrintWriter out, Path file, Migrated migrated) {
        if (migrated.compatible()) {
            out.println(Ansi.AUTO.string("@|green ✔|@ ") + file + ": compatible with Kestra 2");
            return;
        }
        if (migrated.changed()) {
            out.println(Ansi.AUTO.string("@|cyan ✎|@ ") + file + ": " + (write ? "rewritten" : "to rewrite") + ": "
                    + String.join("; ", migrated.applied()));
            if (!write) {
                diff(file, migrated).forEach(line -> out.println(colour(line)));
            }
        }
        for (ManualChange change : migrated.manual()) {
            out.println(Ansi.AUTO.string("@|bold,red ✗|@ ") + file + ":" + change.line() + ":" + change.column() + ": "
                    + change.message());
        }
    }

    private static String colour(String line) {
        if (line.startsWith("+") && !line.startsWith("+++")) {
            return Ansi.AUTO.string("@|green " + escape(line) + "|@");
        }
        if (line.startsWith("-") && !line.startsWith("---")) {
            return Ansi.AUTO.string("@|red " + escape(line) + "|@");
        }
        return line;
    }

    /** picocli's markup reads | and @ specially. */
    private static String escape(String line) {
        return line.replace("@|", "@ |").replace("|@", "| @");
    }

    private static List<String> diff(Path file, Migrated migrated) {
        List<String> before = migrated.original().lines().toList();
        List<String> after = migrated.text().lines().toList();
        String from = file.isAbsolute() ? file.toString() : "a/" + file;
        String to = file.isAbsolute() ? file.toString() : "b/" + file;
        return UnifiedDiffUtils.generateUnifiedDiff(from, to, before, DiffUtils.diff(before, after), 2);
    }

    private ObjectNode json(Path file, Migrated migrated, boolean written) {
        ObjectNode node = mapper.createObjectNode();
        node.put("file", file.toString());
        node.put("status", migrated.compatible() ? "compatible" : !migrated.manual().isEmpty() ? "needs-a-person"
                : write && written ? "rewritten" : "to-rewrite");
        ArrayNode rewrites = node.putArray("rewrites");
        migrated.applied().forEach(rewrites::add);
        ArrayNode manual = node.putArray("manual");
        for (ManualChange change : migrated.manual()) {
            manual.addObject().put("line", change.line()).put("column", change.column()).put("message", change.message());
        }
        if (migrated.changed()) {
            node.put("diff", String.join("\n", diff(file, migrated)));
        }
        return node;
    }
}
