package dev.flowbench.engine.http;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a response says of its body: its charset, the file name it suggests. */
public final class HttpBodies {

    /** The most of a body http.Request keeps in its outputs. */
    public static final long REQUEST_BODY_LIMIT = 32L << 20;

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private HttpBodies() {
    }

    public static HttpResponse.BodyHandler<byte[]> bounded() {
        return BoundedBody.handler(REQUEST_BODY_LIMIT);
    }

    /** The charset the response's Content-Type names, else {@code otherwise}. */
    public static Charset charset(HttpResponse<?> response, Charset otherwise) {
        Matcher matcher = CHARSET.matcher(response.headers().firstValue("Content-Type").orElse(""));
        if (matcher.find()) {
            try {
                return Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /**
     * The name a downloaded file is kept under: {@code saveAs}, else the Content-Disposition's file name, else the last
     * segment of the address, else "download"; only its last path segment, so it stays in the task's folder.
     */
    public static String fileName(String saveAs, HttpResponse<?> response) {
        String name = saveAs;
        if (blank(name)) {
            Matcher matcher = FILENAME.matcher(response.headers().firstValue("Content-Disposition").orElse(""));
            name = matcher.find() ? java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8) : null;
        }
        if (blank(name)) {
            name = Optional.ofNullable(response.uri().getPath()).orElse("");
        }
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).trim();
        return blank(name) || name.equals(".") || name.equals("..") ? "download" : name;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
