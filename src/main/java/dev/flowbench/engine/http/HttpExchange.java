package dev.flowbench.engine.http;

import dev.flowbench.runner.Cancellation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request and waits for its response without holding a connection past a cancel or the task's deadline:
 * the exchange is asynchronous and cancelled when either comes. How it ended is an {@link Ending} in words.
 */
public final class HttpExchange {

    /** Why no response came: cancelled, the task's timeout, or a fault of the network or the server told in words. */
    public static final class Ending extends Exception {
        private final Kind kind;

        public enum Kind { CANCELLED, DEADLINE, FAILED }

        Ending(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private HttpExchange() {
    }

    /** The response to {@code spec}, its body read by {@code body}, or the Ending that came first. */
    public static <T> HttpResponse<T> send(HttpRequestSpec spec, HttpOptions options, HttpResponse.BodyHandler<T> body,
                                           Instant deadline, Cancellation stop) throws Ending, InterruptedException {
        Duration wait = options.readIdleTimeout();
        boolean deadlineFirst = deadline != null && Instant.now().plus(wait).isAfter(deadline);
        if (deadlineFirst) {
            wait = Duration.between(Instant.now(), deadline);
            if (wait.isNegative() || wait.isZero()) {
                throw new Ending(Ending.Kind.DEADLINE, "timed out before the request was sent");
            }
        }
        java.net.http.HttpRequest request;
        try {
            request = spec.toRequest(options, wait);
        } catch (IllegalArgumentException e) { // a header the JDK keeps for itself (Host, Content-Length...)
            throw new Ending(Ending.Kind.FAILED, "the request cannot be sent: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<T>> future = HttpClients.of(options).sendAsync(request, body);
        Runnable forget = stop.whenCancelled(() -> future.cancel(true));
        try {
            return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timedOut(spec, options, deadlineFirst);
        } catch (CancellationException e) {
            throw new Ending(Ending.Kind.CANCELLED, "cancelled");
        } catch (ExecutionException e) {
            if (stop.isCancelled()) { // the JDK ends a cancelled exchange with a failure of its own
                throw new Ending(Ending.Kind.CANCELLED, "cancelled");
            }
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                throw timedOut(spec, options, deadlineFirst);
            }
            throw new Ending(Ending.Kind.FAILED, fault(spec, e.getCause()));
        } finally {
            forget.run();
            future.cancel(true);
        }
    }

    /** Response headers as Kestra gives them: names in lower case, sorted, each with its list of values. */
    public static Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2 pseudo-headers
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        return headers;
    }

    private static Ending timedOut(HttpRequestSpec spec, HttpOptions options, boolean deadlineFirst) {
        return deadlineFirst ? new Ending(Ending.Kind.DEADLINE, "timed out waiting for " + spec.uri())
                : new Ending(Ending.Kind.FAILED, "no response from " + spec.uri() + " within " + options.readIdleTimeout()
                + " (options.timeout.readIdleTimeout)");
    }

    private static String fault(HttpRequestSpec spec, Throwable cause) {
        String where = spec.uri().getScheme() + "://" + spec.uri().getAuthority();
        if (cause instanceof HttpConnectTimeoutException) {
            return "Connect to " + where + " timed out (options.timeout.connectTimeout)";
        }
        if (cause instanceof ConnectException) {
            return "Connect to " + where + " failed: Connection refused";
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException || cause != null && cause.getCause()
                instanceof java.nio.channels.UnresolvedAddressException) {
            return "Connect to " + where + " failed: no such host " + spec.uri().getHost();
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "TLS with " + where + " failed: " + cause.getMessage();
        }
        if (cause instanceof IOException) {
            return "Request to " + spec.uri() + " failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
        }
        return "Request to " + spec.uri() + " failed: " + cause;
    }
}
