package dev.flowbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flowbench.app.Workspace;
import dev.flowbench.engine.JsonValues;
import dev.flowbench.engine.KvValue;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.store.KvStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kestra's key-value store, as flows see it with kv.Set and kv(): list, read, write, remove. */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = "See and change the key-value store flows read with kv() and write with kv.Set, per namespace.",
        subcommands = {KvCommand.ListKeys.class, KvCommand.Get.class, KvCommand.Set.class, KvCommand.Remove.class})
final class KvCommand implements Runnable {

    private static final int PREVIEW = 60;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: ls, get, set or rm");
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List the keys: namespace, key, type, value (cut), updated, expiry.")
    static final class ListKeys implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "NAMESPACE", description = "Only this namespace's keys.")
        String namespace;

        @Option(names = "--json", description = "One JSON array of {namespace, key, type, value, updatedAt, expiresAt}.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                List<KvStore.Entry> entries = workspace.keyValues().entries(namespace);
                if (json) {
                    ArrayNode array = JsonValues.mapper().createArrayNode();
                    entries.forEach(e -> array.addObject().put("namespace", e.namespace()).put("key", e.key())
                            .put("type", e.value().type().name()).put("value", e.value().text())
                            .put("updatedAt", e.updatedAt().toString()).put("expiresAt", e.expiresAt() == null ? null
                                    : e.expiresAt().toString()));
                    out.println(array);
                } else if (entries.isEmpty()) {
                    out.println("no keys" + (namespace == null ? "" : " in " + namespace));
                } else {
                    out.printf("%-24s %-24s %-8s %-60s %-19s %s%n", "NAMESPACE", "KEY", "TYPE", "VALUE", "UPDATED", "EXPIRES");
                    for (KvStore.Entry e : entries) {
                        String value = e.value().text().replaceAll("\\s+", " ");
                        out.printf("%-24s %-24s %-8s %-60s %-19s %s%n", e.namespace(), e.key(), e.value().type(),
                                value.length() > PREVIEW ? value.substring(0, PREVIEW - 3) + "..." : value,
                                RunsCommand.when(e.updatedAt()), e.expiresAt() == null ? "-" : RunsCommand.when(e.expiresAt()));
                    }
                }
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a key's value; exit 1 when it has none.")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;
        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                Optional<KvValue> value = workspace.keyValues().get(namespace, key);
                if (value.isEmpty()) {
                    spec.commandLine().getErr().println("flowbench: no key '" + key + "' in the namespace " + namespace);
                    return ExitCodes.FAILED;
                }
                spec.commandLine().getOut().println(value.get().text());
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Write a key's value: a text, or of the --type given, as kv.Set writes it with its kvType.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;
        @Parameters(index = "1", paramLabel = "KEY")
        String key;
        @Parameters(index = "2", paramLabel = "VALUE")
        String value;

        @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it lives, as an ISO-8601 duration (PT1H).")
        String ttl;

        @Option(names = "--type", paramLabel = "TYPE", description = "STRING (the default), NUMBER, BOOLEAN, DATETIME, DATE,"
                + " DURATION or JSON, as kv.Set's kvType.")
        String type;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Duration lives = null;
            if (ttl != null) {
                Optional<Duration> parsed = IsoDuration.parse(ttl);
                if (parsed.isEmpty()) {
                    spec.commandLine().getErr().println("flowbench: --ttl '" + ttl + "' is not an ISO-8601 duration (PT1H)");
                    return ExitCodes.USAGE;
                }
                lives = parsed.get();
            }
            if (namespace.isBlank() || key.isBlank()) {
                spec.commandLine().getErr().println("flowbench: a namespace and a key must not be empty");
                return ExitCodes.USAGE;
            }
            KvValue typed;
            try {
                typed = KvValue.of(value, type == null ? null : KvValue.Type.of(type));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("flowbench: " + e.getMessage().replace("`kvType`", "--type").replace("(kvType)", "(--type)"));
                return ExitCodes.USAGE;
            }
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                workspace.keyValues().set(namespace, key, typed, true, lives);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a key; exit 1 when it had no value.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;
        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                if (!workspace.keyValues().delete(namespace, key)) {
                    spec.commandLine().getErr().println("flowbench: no key '" + key + "' in the namespace " + namespace);
                    return ExitCodes.FAILED;
                }
            }
            return ExitCodes.OK;
        }
    }
}
