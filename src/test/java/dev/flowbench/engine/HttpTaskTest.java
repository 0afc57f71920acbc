package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http.Request and http.Download against a server in this JVM. The outputs, the states and the failure messages are
 * those kestra-oracle (Kestra 2.0.0) gave for the same requests to a server answering the same (2026-12-08): the body
 * as text, headers in lower case with lists of values, the address asked with its params, redirects followed, a status
 * of 400 or more a failure unless allowed, an empty download a failure.
 */
class HttpTaskTest {

    @TempDir
    Path home;

    private HttpServer server;
    private String base;
    private final CountDownLatch slowAsked = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/json", exchange -> reply(exchange, 200, "application/json", "{\"name\": \"kestra\", \"n\": 3}", Map.of()));
        server.createContext("/404", exchange -> reply(exchange, 404, "application/json", "{\"error\":\"nope\"}", Map.of()));
        server.createContext("/redirect", exchange -> reply(exchange, 302, "text/plain", "", Map.of("Location", "/json")));
        server.createContext("/file", exchange -> reply(exchange, 200, "text/csv", "a,b\n1,2\n",
                Map.of("Content-Disposition", "attachment; filename=\"data.csv\"")));
        server.createContext("/empty", exchange -> reply(exchange, 200, "text/plain", "", Map.of()));
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String seen = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " | " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " | " + exchange.getRequestHeaders().getFirst("Authorization") + " | " + exchange.getRequestHeaders().getFirst("X-Custom")
                    + " | " + body;
            reply(exchange, 201, "text/plain; charset=UTF-8", seen, Map.of());
        });
        server.createContext("/slow", exchange -> {
            slowAsked.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "text/plain", "late", Map.of());
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String type, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Test", "yes");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void requestsGiveCodeHeadersAndBodyAsKestraDoes() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: http
                namespace: q.http
                tasks:
                  - id: get
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/json
                  - id: post
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/echo
                    method: POST
                    body: '{"a": {{ 1 + 1 }}}'
                    headers:
                      X-Custom: "v{{ 2 }}"
                    options:
                      auth:
                        type: BASIC
                        username: u
                        password: p
                  - id: form
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/echo
                    method: POST
                    contentType: application/x-www-form-urlencoded
                    formData:
                      a: 1
                      b: two words
                  - id: params
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/echo?x=1
                    params:
                      y: "2"
                      z: ["3", "4"]
                  - id: redirect
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/redirect
                  - id: allowed
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/404
                    options:
                      allowFailed: true
                  - id: parsed
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ fromJson(outputs.get.body).name }} {{ outputs.get.code }} {{ outputs.get.headers['x-test'][0] }}"
                """.replace("BASE", base));
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        Map<String, Object> get = engine.finished("get").outputs();
        assertThat(get).containsEntry("uri", base + "/json").containsEntry("code", 200)
                .containsEntry("body", "{\"name\": \"kestra\", \"n\": 3}");
        assertThat((Map<String, Object>) get.get("headers")).containsEntry("content-type", List.of("application/json"))
                .containsEntry("x-test", List.of("yes"));
        assertThat(engine.logs("get")).anyMatch(line -> line.contains("Request '" + base + "/json' with the response code '200'"));
        assertThat(engine.finished("post").outputs()).containsEntry("code", 201).containsEntry("body",
                "POST /echo | application/json; charset=UTF-8 | Basic dTpw | v2 | {\"a\": 2}");
        assertThat(engine.finished("form").outputs().get("body")).asString()
                .startsWith("POST /echo | application/x-www-form-urlencoded").endsWith("| a=1&b=two+words");
        assertThat(engine.finished("params").outputs()).containsEntry("uri", base + "/echo?x=1&y=2&z=3&z=4");
        assertThat(engine.finished("params").outputs().get("body")).asString().startsWith("GET /echo?x=1&y=2&z=3&z=4 |");
        assertThat(engine.finished("redirect").outputs()).containsEntry("uri", base + "/redirect").containsEntry("code", 200)
                .containsEntry("body", "{\"name\": \"kestra\", \"n\": 3}");
        assertThat(engine.finished("allowed").outputs()).containsEntry("code", 404).containsEntry("body", "{\"error\":\"nope\"}");
        assertThat(engine.finished("parsed").outputs()).containsEntry("value", "kestra 200 yes");
    }

    @Test
    void aRefusedStatusFailsTheTaskQuotingTheBody() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: refused
                namespace: q.http
                tasks:
                  - id: missing
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/404
                    allowFailure: true
                  - id: listed
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/404
                    options:
                      allowedResponseCodes: [404]
                  - id: notlisted
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/json
                    options:
                      allowedResponseCodes: [404]
                """.replace("BASE", base));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("missing").message()).contains("Failed http request with response code '404' and body: {\"error\":\"nope\"}");
        assertThat(engine.finished("listed").state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("notlisted").message()).startsWith("Failed http request with response code '200'");
    }

    @Test
    void badAddressesAndUnreachableServersFailSayingWhat() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        engine.run("""
                id: bad
                namespace: q.http
                tasks:
                  - id: nourl
                    type: io.kestra.plugin.core.http.Request
                    uri: "not a url"
                    allowFailure: true
                  - id: refused
                    type: io.kestra.plugin.core.http.Request
                    uri: http://127.0.0.1:PORT/x
                    allowFailure: true
                  - id: digest
                    type: io.kestra.plugin.core.http.Request
                    uri: http://127.0.0.1:PORT/x
                    allowFailure: true
                    options:
                      auth:
                        type: DIGEST
                  - id: idle
                    type: io.kestra.plugin.core.http.Request
                    uri: http://127.0.0.1:PORT/x
                    allowFailure: true
                    options:
                      timeout:
                        readIdleTimeout: soon
                """.replace("PORT", String.valueOf(closed)));
        assertThat(engine.finished("nourl").message()).isEqualTo("failed but allowFailure is set: "
                + "`uri` must be an http:// or https:// address with a host, not 'not a url'");
        assertThat(engine.finished("refused").message()).endsWith("Connect to http://127.0.0.1:" + closed + " failed: Connection refused");
        assertThat(engine.finished("digest").message()).contains("DIGEST cannot be used here");
        assertThat(engine.finished("idle").message()).endsWith("`options.timeout.readIdleTimeout` must be an ISO-8601 duration (PT30S), not 'soon'");
    }

    @Test
    void downloadsKeepTheBodyAsAnOutputFileThatReadSees() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: download
                namespace: q.http
                tasks:
                  - id: named
                    type: io.kestra.plugin.core.http.Download
                    uri: BASE/file
                  - id: saved
                    type: io.kestra.plugin.core.http.Download
                    uri: BASE/json
                    saveAs: ../../escape.json
                  - id: read
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ read(outputs.named.uri) }}|{{ fileSize(outputs.saved.uri) }}|{{ fileExists(outputs.named.uri) }}"
                  - id: empty
                    type: io.kestra.plugin.core.http.Download
                    uri: BASE/empty
                    allowFailure: true
                  - id: emptyok
                    type: io.kestra.plugin.core.http.Download
                    uri: BASE/empty
                    failOnEmptyResponse: false
                """.replace("BASE", base));
        assertThat(result.state()).isEqualTo(State.WARNING);
        Map<String, Object> named = engine.finished("named").outputs();
        Path file = Path.of((String) named.get("uri"));
        assertThat(file.getFileName()).hasToString("data.csv");
        assertThat(file).hasContent("a,b\n1,2\n");
        assertThat(named).containsEntry("code", 200).containsEntry("length", 8L);
        assertThat(Path.of((String) engine.finished("saved").outputs().get("uri")).getFileName()).hasToString("escape.json");
        assertThat(Path.of((String) engine.finished("saved").outputs().get("uri")).getParent()).isEqualTo(file.getParent().getParent().resolve("saved"));
        assertThat(engine.finished("read").outputs()).containsEntry("value", "a,b\n1,2\n|26|true");
        assertThat(engine.finished("empty").message()).contains("the server sent an empty body");
        assertThat(engine.finished("emptyok").outputs()).containsEntry("length", 0L);
        try (var left = Files.walk(file.getParent().getParent())) {
            assertThat(left.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void readRefusesAFileOutsideTheExecutions() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Path secret = Files.writeString(home.resolve("secret.txt"), "no");
        engine.run("""
                id: outside
                namespace: q.http
                tasks:
                  - id: read
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ read('PATH') }}"
                """.replace("PATH", secret.toString()));
        assertThat(engine.finished("read").state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("read").message()).contains("read() reads an execution's output file");
    }

    @Test
    void cancellingAWaitingRequestEndsItAtOnce() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Execution execution = engine.start("""
                id: slow
                namespace: q.http
                tasks:
                  - id: wait
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/slow
                """.replace("BASE", base), Map.of());
        assertThat(slowAsked.await(10, TimeUnit.SECONDS)).isTrue();
        long before = System.nanoTime();
        execution.cancel();
        ExecutionResult result = execution.await(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        assertThat(engine.finished("wait").message()).isEqualTo("cancelled");
        assertThat(engine.finished("wait").state()).isEqualTo(State.KILLED);
        assertThat(result.state()).isEqualTo(State.KILLED);
    }

    @Test
    void aTaskTimeoutEndsAWaitingRequest() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: timeout
                namespace: q.http
                tasks:
                  - id: wait
                    type: io.kestra.plugin.core.http.Request
                    uri: BASE/slow
                    timeout: PT0.5S
                """.replace("BASE", base));
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("wait").state()).isEqualTo(State.KILLED);
        assertThat(engine.finished("wait").message()).contains("timed out");
    }
}
