package dev.flowbench.engine.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JDK client per way of connecting (redirects followed or not, connect timeout), kept for the life of the JVM:
 * a client holds a selector thread and a connection pool, so a Loop of a thousand requests reuses one.
 */
final class HttpClients {

    private record Kind(boolean followRedirects, Duration connectTimeout) {
    }

    private static final Map<Kind, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private HttpClients() {
    }

    static HttpClient of(HttpOptions options) {
        return CLIENTS.computeIfAbsent(new Kind(options.followRedirects(), options.connectTimeout()), kind -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(kind.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
            if (kind.connectTimeout() != null) {
                builder.connectTimeout(kind.connectTimeout());
            }
            return builder.build();
        });
    }
}
