package dev.flowbench.cli;

import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.check.FlowValidator;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check flows and print one line per problem: FILE:LINE:COL: error|warning: message.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no file has an error (warnings allowed)", "1:a file has an error",
                "2:bad arguments or a file that cannot be read"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Flow files to check; - reads standard input.")
    List<String> files;

    @Option(names = "--json", description = "Print one JSON object per problem instead.")
    boolean json;

    @Option(names = "--kestra", paramLabel = "VERSION", defaultValue = "2",
            description = "The Kestra the flows are for: 2 (2.0, 2.1; the default) or 1.3, the LTS before it.")
    String kestra;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var target = KestraVersion.parse(kestra);
        if (target.isEmpty()) {
            err.println("flowbench: --kestra takes 2 (or 2.0, 2.1) or 1.3, not '" + kestra + "'");
            err.flush();
            return ExitCodes.USAGE;
        }
        FlowValidator validator = new FlowValidator(target.get());
        ProblemPrinter printer = json ? ProblemPrinter.json(out) : ProblemPrinter.text(out);
        boolean unreadable = false;
        boolean invalid = false;
        for (String file : files) {
            FlowFile.Read read = FlowFile.read(file);
            if (read.error() != null) {
                err.println("flowbench: " + read.error());
                unreadable = true;
                continue;
            }
            LoadedFlow loaded = validator.validate(read.text());
            for (Problem problem : loaded.problems()) {
                printer.print(file, problem);
            }
            invalid |= loaded.hasErrors();
        }
        out.flush();
        return unreadable ? ExitCodes.USAGE : invalid ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
