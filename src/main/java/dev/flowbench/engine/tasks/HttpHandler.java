package dev.flowbench.engine.tasks;

import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.http.HttpBodies;
import dev.flowbench.engine.http.HttpExchange;
import dev.flowbench.engine.http.HttpOptions;
import dev.flowbench.engine.http.HttpRequestSpec;
import dev.flowbench.flow.HttpTask;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * http.Request and http.Download as Kestra 2.0 runs them (kestra-oracle, see HttpTaskTest): outputs {@code uri} (the
 * address asked, with its params), {@code code}, {@code headers} (lower-case names, lists of values) and, for a
 * Request, {@code body} as text; a Download keeps the body as an output file ({@code uri} is then its path) with its
 * {@code length}, and fails on an empty body unless {@code failOnEmptyResponse: false}. A status of 400 or more fails
 * the task unless the options allow it.
 */
public final class HttpHandler implements TaskHandler<HttpTask> {

    private static final List<String> PROPERTIES = List.of("uri", "method", "headers", "contentType", "body", "formData",
            "params", "options", "saveAs", "failOnEmptyResponse", "encryptBody");
    /** How much of a refused response's body its failure message quotes. */
    private static final int QUOTED_BODY = 1_000;

    @Override
    public TaskOutcome run(HttpTask task, TaskContext context) throws InterruptedException {
        Map<String, Object> properties = rendered(task, context);
        HttpRequestSpec spec;
        HttpOptions options;
        try {
            if ("true".equalsIgnoreCase(String.valueOf(properties.get("encryptBody")).trim())) {
                return TaskOutcome.failed("`encryptBody` needs the encryption key of a Kestra server; Flowbench keeps none:"
                        + " leave it out to run the flow here");
            }
            spec = HttpRequestSpec.of(properties);
            options = HttpOptions.of(properties.get("options") instanceof Map<?, ?> map ? map : Map.of());
        } catch (IllegalArgumentException e) {
            return TaskOutcome.failed(e.getMessage());
        }
        try {
            return task.download() ? download(spec, options, properties, context) : request(spec, options, context);
        } catch (HttpExchange.Ending ending) {
            return switch (ending.kind()) {
                case CANCELLED -> new TaskOutcome(State.KILLED, "cancelled", Map.of());
                case DEADLINE -> new TaskOutcome(State.KILLED, ending.getMessage(), Map.of());
                case FAILED -> TaskOutcome.failed(ending.getMessage());
            };
        }
    }

    private static TaskOutcome request(HttpRequestSpec spec, HttpOptions options, TaskContext context)
            throws HttpExchange.Ending, InterruptedException {
        HttpResponse<byte[]> response = HttpExchange.send(spec, options, HttpBodies.bounded(), context.deadline(),
                context.cancellation());
        String body = new String(response.body(), HttpBodies.charset(response, options.charset()));
        logResponse(spec, response, context);
        if (!options.accepts(response.statusCode())) {
            return refused(response.statusCode(), body);
        }
        Map<String, Object> outputs = outputs(spec, response);
        if (!body.isEmpty()) {
            outputs.put("body", body);
        }
        return TaskOutcome.success(outputs);
    }

    private static TaskOutcome download(HttpRequestSpec spec, HttpOptions options, Map<String, Object> properties,
                                        TaskContext context) throws HttpExchange.Ending, InterruptedException {
        Path folder = context.storage();
        Path partial;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, ".download-", ".part");
        } catch (IOException e) {
            return TaskOutcome.failed("cannot write the download into " + folder + ": " + e.getMessage());
        }
        try {
            HttpResponse<Path> response = HttpExchange.send(spec, options, HttpResponse.BodyHandlers.ofFile(partial),
                    context.deadline(), context.cancellation());
            logResponse(spec, response, context);
            long length = Files.size(partial);
            if (!options.accepts(response.statusCode())) {
                byte[] start;
                try (var in = Files.newInputStream(partial)) {
                    start = in.readNBytes(QUOTED_BODY + 1);
                }
                return refused(response.statusCode(), new String(start, HttpBodies.charset(response, options.charset())));
            }
            boolean emptyRefused = !"false".equalsIgnoreCase(String.valueOf(properties.get("failOnEmptyResponse")).trim());
            if (length == 0 && emptyRefused) {
                return TaskOutcome.failed("the server sent an empty body for " + spec.uri()
                        + " (failOnEmptyResponse: false keeps an empty file)");
            }
            Object saveAs = properties.get("saveAs");
            Path file = folder.resolve(HttpBodies.fileName(saveAs == null ? null : String.valueOf(saveAs), response));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            context.log(LogLevel.DEBUG, "log", "File '" + spec.uri() + "' downloaded with size '" + length + "'");
            Map<String, Object> outputs = outputs(spec, response);
            outputs.put("uri", file.toString());
            outputs.put("length", length);
            return TaskOutcome.success(outputs);
        } catch (IOException e) {
            return TaskOutcome.failed("cannot keep the download in " + folder + ": " + e.getMessage());
        } finally {
            deleteQuietly(partial);
        }
    }

    private static Map<String, Object> rendered(HttpTask task, TaskContext context) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : PROPERTIES) {
            Rendered.property(task, name, context).ifPresent(value -> properties.put(name, value));
        }
        return properties;
    }

    private static Map<String, Object> outputs(HttpRequestSpec spec, HttpResponse<?> response) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("uri", spec.uri().toString());
        outputs.put("code", response.statusCode());
        outputs.put("headers", HttpExchange.headers(response));
        return outputs;
    }

    private static void logResponse(HttpRequestSpec spec, HttpResponse<?> response, TaskContext context) {
        context.log(LogLevel.DEBUG, "log", "Request '" + spec.uri() + "' with the response code '" + response.statusCode() + "'");
    }

    private static TaskOutcome refused(int status, String body) {
        String quoted = body.length() > QUOTED_BODY ? body.substring(0, QUOTED_BODY) + "..." : body;
        return TaskOutcome.failed("Failed http request with response code '" + status + "'" + (quoted.isBlank() ? "" : " and body: " + quoted));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray .part file in the execution's folder; nothing a user loses
        }
    }
}
