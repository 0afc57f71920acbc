package dev.flowbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowbench.flow.Problem;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;

/** Prints problems as {@code FILE:LINE:COL: severity: message} (colour on a terminal) or as JSON lines. */
interface ProblemPrinter {

    void print(String file, Problem problem);

    static ProblemPrinter text(PrintWriter out) {
        return (file, problem) -> {
            String severity = problem.isError() ? "@|bold,red error|@" : "@|bold,yellow warning|@";
            out.println(file + ":" + problem.line() + ":" + problem.column() + ": "
                    + Ansi.AUTO.string(severity) + ": " + problem.message());
        };
    }

    static ProblemPrinter json(PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        return (file, problem) -> {
            ObjectNode node = mapper.createObjectNode();
            node.put("file", file);
            node.put("line", problem.line());
            node.put("column", problem.column());
            node.put("endLine", problem.range().end().line());
            node.put("endColumn", problem.range().end().column());
            node.put("severity", problem.severity().label());
            node.put("code", problem.code());
            node.put("message", problem.message());
            problem.suggested().ifPresent(s -> node.put("suggestion", s));
            out.println(node);
        };
    }
}
