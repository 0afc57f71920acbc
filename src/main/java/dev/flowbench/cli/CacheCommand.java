package dev.flowbench.cli;

import dev.flowbench.app.Workspace;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowbench.cache.CacheEntry;
import dev.flowbench.cache.CacheStore;
import dev.flowbench.cache.TaskCacheEntry;
import dev.flowbench.cache.CacheEventRecord;
import dev.flowbench.cache.CacheKey;
import dev.flowbench.cache.CachedFile;
import dev.flowbench.cache.Figures;
import dev.flowbench.engine.JsonValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "See and clear the WorkingDirectory cache. Keys are NAMESPACE/FLOW_ID/TASK_ID.",
        subcommands = {CacheCommand.ListEntries.class, CacheCommand.Show.class, CacheCommand.Remove.class})
final class CacheCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: ls, show or rm");
    }

    static String when(Instant instant) {
        return instant == null ? "-" : RunsCommand.when(instant);
    }

    static ObjectNode entryJson(CacheEntry entry, Instant now) {
        ObjectNode node = JsonValues.mapper().createObjectNode();
        node.put("kind", "workingDirectory");
        node.put("key", entry.key().toString());
        node.put("namespace", entry.key().namespace());
        node.put("flowId", entry.key().flowId());
        node.put("taskId", entry.key().taskId());
        node.set("patterns", JsonValues.tree(entry.patterns()));
        node.put("ttl", entry.ttl());
        node.put("sizeBytes", entry.sizeBytes());
        node.put("compressedBytes", entry.compressedBytes());
        node.put("keptBytes", entry.keptBytes());
        node.put("fileCount", entry.fileCount());
        node.put("createdAt", entry.createdAt().toString());
        node.put("lastUsedAt", entry.lastUsedAt().toString());
        node.put("lastExecutionAt", entry.lastExecutionAt().toString());
        node.put("expiresAt", entry.expiresAt().map(Instant::toString).orElse(null));
        node.put("expired", entry.isExpired(now));
        node.put("hits", entry.hits());
        node.put("misses", entry.misses());
        return node;
    }

    /** Tasks whose outcome is stored (taskCache), after the WorkingDirectory entries. */
    private static void printTasks(PrintWriter out, List<TaskCacheEntry> tasks, Instant now) {
        out.printf("%-44s %-6s  %-19s  %-6s  %-19s %6s  %s%n", "TASK (taskCache)", "KIND", "STORED", "TTL", "EXPIRES", "FILES",
                "FROM EXECUTION");
        for (TaskCacheEntry t : tasks) {
            String expires = t.expiresAt().map(at -> (now.isBefore(at) ? "" : "expired ") + when(at)).orElse("never");
            out.printf("%-44s %-6s  %-19s  %-6s  %-19s %6d  %s%n", t.key(), "task", when(t.storedAt()), t.ttl() == null ? "-" : t.ttl(),
                    expires, t.outputFiles(), t.executionId());
        }
        out.println(tasks.size() + (tasks.size() == 1 ? " task outcome" : " task outcomes") + " stored for reuse");
    }

    static ObjectNode taskJson(TaskCacheEntry entry, Instant now) {
        ObjectNode node = JsonValues.mapper().createObjectNode();
        node.put("kind", "task");
        node.put("key", entry.key().toString());
        node.put("namespace", entry.key().namespace());
        node.put("flowId", entry.key().flowId());
        node.put("taskId", entry.key().taskId());
        node.put("ttl", entry.ttl());
        node.put("createdAt", entry.storedAt().toString());
        node.put("expiresAt", entry.expiresAt().map(Instant::toString).orElse(null));
        node.put("expired", entry.expiresAt().map(at -> !now.isBefore(at)).orElse(false));
        node.put("executionId", entry.executionId());
        node.put("outputFiles", entry.outputFiles());
        return node;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List cache entries with their expiry, hits and misses.")
    static final class ListEntries implements Callable<Integer> {

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, SQLException {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                List<CacheEntry> entries = workspace.cache().list();
                List<TaskCacheEntry> tasks = workspace.cache().taskEntries();
                Instant now = Instant.now();
                if (json) {
                    ArrayNode array = JsonValues.mapper().createArrayNode();
                    entries.forEach(e -> array.add(entryJson(e, now)));
                    tasks.forEach(t -> array.add(taskJson(t, now)));
                    out.println(array);
                } else if (entries.isEmpty() && tasks.isEmpty()) {
                    out.println("The cache is empty. A WorkingDirectory with cache: {patterns, ttl} fills it when it runs,"
                            + " as does a task with taskCache: {enabled: true}.");
                } else if (entries.isEmpty()) {
                    printTasks(out, tasks, now);
                } else {
                    out.printf("%-44s %10s %8s %10s %10s  %-19s  %-19s  %-6s  %-19s %5s %6s%n", "KEY", "SIZE", "FILES", "ARCHIVE",
                            "KEPT", "CREATED", "LAST USED", "TTL", "EXPIRES", "HITS", "MISSES");
                    for (CacheEntry e : entries) {
                        String expires = e.expiresAt().map(at -> (e.isExpired(now) ? "expired " : "") + when(at)).orElse("never");
                        out.printf("%-44s %10s %8s %10s %10s  %-19s  %-19s  %-6s  %-19s %5d %6d%n", e.key(), Figures.bytes(e.sizeBytes()),
                                Figures.count(e.fileCount()), Figures.bytes(e.compressedBytes()),
                                e.keptBytes() == 0 ? "-" : Figures.bytes(e.keptBytes()), when(e.createdAt()), when(e.lastUsedAt()),
                                e.ttl() == null ? "-" : e.ttl(), expires, e.hits(), e.misses());
                    }
                    out.println(entries.size() + (entries.size() == 1 ? " entry, " : " entries, ")
                            + Figures.bytes(CacheStore.diskBytes(entries)) + " on disk, archives and kept trees (limit "
                            + Figures.bytes(workspace.cache().maxBytes()) + ")");
                    if (!tasks.isEmpty()) {
                        out.println();
                        printTasks(out, tasks, now);
                    }
                }
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one entry: its files and recent events.")
    static final class Show implements Callable<Integer> {

        @Parameters(paramLabel = "KEY", description = "NAMESPACE/FLOW_ID/TASK_ID")
        String key;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, SQLException {
            PrintWriter out = spec.commandLine().getOut();
            CacheKey cacheKey = CacheKey.parse(key);
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                Optional<CacheEntry> found = workspace.cache().find(cacheKey);
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("flowbench: no cache entry " + cacheKey + "; list them with: flowbench cache ls");
                    return ExitCodes.USAGE;
                }
                CacheEntry entry = found.get();
                List<CachedFile> files = workspace.cache().files(entry);
                List<CacheEventRecord> events = workspace.cache().events(cacheKey, 20);
                if (json) {
                    ObjectNode node = entryJson(entry, Instant.now());
                    ArrayNode list = node.putArray("files");
                    for (CachedFile file : files) {
                        ObjectNode f = list.addObject();
                        f.put("name", file.name());
                        f.put("type", file.type());
                        f.put("size", file.size());
                        f.put("mode", String.format("%04o", file.mode()));
                        f.put("modified", file.modified().toInstant().toString());
                        if (file.linkTarget() != null) {
                            f.put("linkTarget", file.linkTarget());
                        }
                    }
                    ArrayNode history = node.putArray("events");
                    for (CacheEventRecord event : events) {
                        ObjectNode ev = history.addObject();
                        ev.put("at", event.at().toString());
                        ev.put("event", event.event());
                        ev.put("reason", event.reason());
                        ev.put("executionId", event.executionId());
                    }
                    out.println(node);
                } else {
                    print(out, entry, files, events);
                }
                out.flush();
            }
            return ExitCodes.OK;
        }

        private static void print(PrintWriter out, CacheEntry entry, List<CachedFile> files,
                                  List<CacheEventRecord> events) {
            Instant now = Instant.now();
            out.println("Cache entry " + entry.key());
            out.println("  patterns   " + String.join(", ", entry.patterns()));
            out.println("  ttl        " + (entry.ttl() == null ? "none (never expires)" : entry.ttl()));
            out.println("  expires    " + entry.expiresAt().map(at -> when(at) + (entry.isExpired(now) ? " (expired)" : "")).orElse("never"));
            out.println("  size       " + Figures.bytes(entry.sizeBytes()) + " in " + Figures.count(entry.fileCount()) + " files, "
                    + Figures.bytes(entry.compressedBytes()) + " compressed");
            out.println("  kept tree  " + (entry.keptBytes() == 0 ? "none: the next hit restores the files from the archive"
                    : Figures.bytes(entry.keptBytes()) + " beside the archive: the next hit moves it back"));
            out.println("  created    " + when(entry.createdAt()) + "; last used " + when(entry.lastUsedAt()));
            out.println("  hits       " + entry.hits() + ", misses " + entry.misses());
            out.println();
            out.println("Files");
            for (CachedFile file : files) {
                String suffix = "symlink".equals(file.type()) ? " -> " + file.linkTarget() : "directory".equals(file.type()) ? "/" : "";
                out.printf("  %04o %10s  %s%s%n", file.mode(), "file".equals(file.type()) ? Figures.bytes(file.size()) : "",
                        file.name(), suffix);
            }
            out.println();
            out.println("Recent events");
            for (CacheEventRecord event : events) {
                out.println("  " + when(event.at()) + "  " + event.event() + (event.reason() == null ? "" : ": " + event.reason()));
            }
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Invalidate entries: the next run of their task is a MISS and saves afresh.")
    static final class Remove implements Callable<Integer> {

        @Parameters(paramLabel = "KEY", arity = "0..*", description = "NAMESPACE/FLOW_ID/TASK_ID of entries to remove.")
        List<String> keys = new ArrayList<>();

        @Option(names = "--flow", paramLabel = "NAMESPACE/FLOW_ID", description = "Every entry of one flow.")
        String flow;

        @Option(names = "--expired", description = "Every entry whose ttl has passed.")
        boolean expired;

        @Option(names = "--all", description = "Every entry.")
        boolean all;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, SQLException {
            int selectors = (keys.isEmpty() ? 0 : 1) + (flow == null ? 0 : 1) + (expired ? 1 : 0) + (all ? 1 : 0);
            if (selectors != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Say what to remove: KEY..., --flow NAMESPACE/FLOW_ID,"
                        + " --expired or --all (one of them)");
            }
            List<CacheKey> parsed = new ArrayList<>();
            for (String key : keys) {
                parsed.add(CacheKey.parse(key));
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.open(RunCommand.notice(spec.commandLine().getErr()))) {
                List<CacheKey> removed;
                if (all) {
                    removed = workspace.cache().invalidateAll();
                } else if (expired) {
                    removed = workspace.cache().invalidateExpired(Instant.now());
                } else if (flow != null) {
                    String[] parts = flow.split("/", -1);
                    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--flow takes NAMESPACE/FLOW_ID, not '" + flow + "'");
                    }
                    removed = workspace.cache().invalidateFlow(parts[0], parts[1]);
                } else {
                    removed = workspace.cache().invalidate(parsed);
                    List<CacheKey> missing = parsed.stream().filter(k -> !removed.contains(k)).toList();
                    missing.forEach(k -> spec.commandLine().getErr().println("flowbench: no cache entry " + k));
                    removed.forEach(k -> out.println("removed " + k));
                    out.flush();
                    return missing.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
                }
                removed.forEach(k -> out.println("removed " + k));
                out.println(removed.size() + (removed.size() == 1 ? " entry" : " entries") + " removed");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }
}
