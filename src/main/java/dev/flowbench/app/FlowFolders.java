package dev.flowbench.app;

import dev.flowbench.engine.ExecutionListener;
import dev.flowbench.engine.Subflows;
import dev.flowbench.flow.LoadedFlow;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.check.FlowValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flows a Subflow may start: every flow file ({@code .yml}, {@code .yaml}) in the workspace's folders and the
 * folders under them, found by its namespace and id. The folders are read when a Subflow first asks, once per run;
 * each child execution is recorded in the history as any other, linked to the task run that started it.
 */
final class FlowFolders implements Subflows {

    private static final int MAX_DEPTH = 8;
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final List<Path> folders;
    private final Function<Child, List<ExecutionListener>> followers;
    private Map<String, List<Path>> byKey;

    FlowFolders(List<Path> folders, Function<Child, List<ExecutionListener>> followers) {
        this.folders = List.copyOf(folders);
        this.followers = followers;
    }

    @Override
    public synchronized Optional<Found> find(String namespace, String flowId) {
        if (byKey == null) {
            byKey = index();
        }
        List<Path> files = byKey.getOrDefault(namespace + "/" + flowId, List.of());
        if (files.isEmpty()) {
            return Optional.empty();
        }
        if (files.size() > 1) {
            throw new IllegalArgumentException(files.size() + " files hold the flow " + namespace + "/" + flowId + ": "
                    + files.stream().map(Path::toString).collect(Collectors.joining(", ")) + "; keep one");
        }
        Path file = files.get(0);
        LoadedFlow loaded = read(file).orElseThrow(() -> new IllegalArgumentException("cannot read " + file));
        Optional<Problem> error = loaded.problems().stream().filter(Problem::isError).findFirst();
        if (loaded.flow() == null || error.isPresent()) {
            throw new IllegalArgumentException("the flow " + namespace + "/" + flowId + " in " + file + " is not valid"
                    + error.map(p -> ": " + p.message()).orElse(""));
        }
        return Optional.of(new Found(loaded.flow(), file.toString()));
    }

    @Override
    public String searched() {
        return folders.isEmpty() ? "no folder of flows (save the flow beside the flows it starts, or give their folder with"
                + " run --flows DIR)" : "the flows in "
                + folders.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    @Override
    public List<ExecutionListener> listeners(Child child) {
        return followers.apply(child);
    }

    private Map<String, List<Path>> index() {
        Map<String, List<Path>> found = new HashMap<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder, MAX_DEPTH)) {
                files.filter(FlowFolders::isFlowFile).forEach(file -> read(file).map(LoadedFlow::flow).ifPresent(flow ->
                        found.computeIfAbsent(flow.namespace() + "/" + flow.id(), key -> new ArrayList<>()).add(file)));
            } catch (IOException | java.io.UncheckedIOException e) {
                // a folder that cannot be read holds no flow to start; the message names the folders looked in
            }
        }
        return found;
    }

    private static boolean isFlowFile(Path file) {
        String name = file.getFileName().toString();
        try {
            return (name.endsWith(".yml") || name.endsWith(".yaml")) && Files.isRegularFile(file)
                    && Files.size(file) <= MAX_FILE_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<LoadedFlow> read(Path file) {
        try {
            LoadedFlow loaded = new FlowValidator().validate(Files.readString(file, StandardCharsets.UTF_8));
            return loaded.flow() == null ? Optional.empty() : Optional.of(loaded);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a flow Flowbench can read: not one a Subflow can start
        }
    }
}
