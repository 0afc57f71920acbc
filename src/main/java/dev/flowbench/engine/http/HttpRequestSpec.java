package dev.flowbench.engine.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The request an http task describes, from its rendered properties: {@code uri} with {@code params} added to its
 * query, {@code method} (GET), {@code headers}, and a {@code body} or {@code formData} sent as {@code contentType}
 * (application/json; form data url-encoded, or as parts when the type is multipart/form-data). Kestra sends the
 * content type on every request, a GET included; so does this.
 */
public record HttpRequestSpec(URI uri, String method, Map<String, String> headers, String contentType, String body,
                              Map<String, Object> formData) {

    private static final String DEFAULT_CONTENT_TYPE = "application/json";

    /** The request of rendered properties; one that cannot be sent is an IllegalArgumentException saying why. */
    public static HttpRequestSpec of(Map<?, ?> properties) {
        URI uri = withParams(uri(properties.get("uri")), properties.get("params"));
        String method = text(properties.get("method"), "GET").trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("`method` must be an HTTP method such as GET or POST, not '" + method + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (properties.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), value == null ? "" : String.valueOf(value)));
        }
        Map<String, Object> form = new LinkedHashMap<>();
        if (properties.get("formData") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> form.put(String.valueOf(name), value));
        }
        Object body = properties.get("body");
        return new HttpRequestSpec(uri, method, headers, text(properties.get("contentType"), DEFAULT_CONTENT_TYPE).trim(),
                body == null ? null : String.valueOf(body), form);
    }

    /** The JDK request, with {@code authorization} unless the headers set one, waiting at most {@code timeout}. */
    public HttpRequest toRequest(HttpOptions options, Duration timeout) {
        String boundary = "flowbench-" + UUID.randomUUID();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, publisher(options, boundary))
                .header("Content-Type", sentContentType(options, boundary));
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                builder.setHeader("Content-Type", value);
            } else {
                builder.header(name, value);
            }
        });
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            options.authorization().ifPresent(value -> builder.header("Authorization", value));
        }
        return builder.build();
    }

    private boolean multipart() {
        return contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private String sentContentType(HttpOptions options, String boundary) {
        if (!formData.isEmpty()) {
            return multipart() ? "multipart/form-data; boundary=" + boundary : "application/x-www-form-urlencoded; charset="
                    + options.charset().name();
        }
        return contentType.contains("charset=") ? contentType : contentType + "; charset=" + options.charset().name();
    }

    private BodyPublisher publisher(HttpOptions options, String boundary) {
        if (!formData.isEmpty()) {
            return BodyPublishers.ofString(multipart() ? parts(boundary) : urlEncoded(options), options.charset());
        }
        return body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, options.charset());
    }

    private String urlEncoded(HttpOptions options) {
        List<String> pairs = new ArrayList<>();
        formData.forEach((name, value) -> values(value).forEach(one -> pairs.add(
                URLEncoder.encode(name, options.charset()) + "=" + URLEncoder.encode(one, options.charset()))));
        return String.join("&", pairs);
    }

    private String parts(String boundary) {
        StringBuilder out = new StringBuilder();
        formData.forEach((name, value) -> values(value).forEach(one -> out.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name.replace("\"", "%22")).append("\"\r\n\r\n")
                .append(one).append("\r\n")));
        return out.append("--").append(boundary).append("--\r\n").toString();
    }

    private static URI uri(Object given) {
        String text = given == null ? "" : String.valueOf(given).trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("`uri` must be an http:// or https:// address with a host, not '" + text + "'");
    }

    private static URI withParams(URI uri, Object params) {
        if (!(params instanceof Map<?, ?> map) || map.isEmpty()) {
            return uri;
        }
        StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        map.forEach((name, value) -> values(value).forEach(one -> query.append(query.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(String.valueOf(name), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(one, StandardCharsets.UTF_8))));
        String text = uri.toString();
        int cut = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        return URI.create(text.substring(0, cut) + "?" + query + fragment);
    }

    private static List<String> values(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value == null ? "" : String.valueOf(value));
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : String.valueOf(value);
    }
}
