package dev.flowbench.engine.http;

import dev.flowbench.flow.IsoDuration;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code options} of an http task, rendered, with Kestra's defaults: redirects followed, a status of 400 or more a
 * failure unless {@code allowFailed} or listed in {@code allowedResponseCodes}, {@code timeout.readIdleTimeout} PT5M,
 * UTF-8; {@code auth} BASIC or BEARER as an Authorization header.
 */
public record HttpOptions(boolean followRedirects, boolean allowFailed, Set<Integer> allowedResponseCodes,
                          Duration connectTimeout, Duration readIdleTimeout, Optional<String> authorization, Charset charset) {

    static final Duration READ_IDLE_DEFAULT = Duration.ofMinutes(5);

    /** Whether a response of this status ends the task well. */
    public boolean accepts(int status) {
        if (!allowedResponseCodes.isEmpty()) {
            return allowedResponseCodes.contains(status);
        }
        return allowFailed || status < 400;
    }

    /** Reads rendered {@code options}; a value that cannot be used is an IllegalArgumentException saying which. */
    public static HttpOptions of(Map<?, ?> options) {
        Map<?, ?> timeout = map(options, "timeout");
        return new HttpOptions(flag(options, "followRedirects", true), flag(options, "allowFailed", false), codes(options),
                duration(timeout, "connectTimeout").orElse(null), duration(timeout, "readIdleTimeout").orElse(READ_IDLE_DEFAULT),
                authorization(map(options, "auth")), charset(options));
    }

    private static boolean flag(Map<?, ?> options, String name, boolean otherwise) {
        Object value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("`options." + name + "` must be true or false, not '" + value + "'");
        }
        return text.equals("true");
    }

    private static Set<Integer> codes(Map<?, ?> options) {
        Object value = options.get("allowedResponseCodes");
        Set<Integer> codes = new LinkedHashSet<>();
        if (value == null) {
            return codes;
        }
        for (Object code : value instanceof List<?> list ? list : List.of(value)) {
            try {
                codes.add(Integer.parseInt(String.valueOf(code).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("`options.allowedResponseCodes` holds status codes, not '" + code + "'");
            }
        }
        return codes;
    }

    private static Optional<Duration> duration(Map<?, ?> timeout, String name) {
        Object value = timeout.get(name);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(IsoDuration.parse(String.valueOf(value).trim()).orElseThrow(() -> new IllegalArgumentException(
                "`options.timeout." + name + "` must be an ISO-8601 duration (PT30S), not '" + value + "'")));
    }

    private static Optional<String> authorization(Map<?, ?> auth) {
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        String type = String.valueOf(auth.get("type")).trim().toUpperCase(Locale.ROOT);
        return switch (type) {
            case "BASIC" -> Optional.of("Basic " + Base64.getEncoder().encodeToString((text(auth, "username") + ":"
                    + text(auth, "password")).getBytes(StandardCharsets.UTF_8)));
            case "BEARER" -> Optional.of("Bearer " + text(auth, "token"));
            case "DIGEST" -> throw new IllegalArgumentException("`options.auth` of type DIGEST cannot be used here: Flowbench"
                    + " speaks BASIC and BEARER (or set an Authorization header yourself)");
            default -> throw new IllegalArgumentException("`options.auth.type` must be BASIC or BEARER, not '" + auth.get("type") + "'");
        };
    }

    private static String text(Map<?, ?> map, String name) {
        Object value = map.get(name);
        return value == null ? "" : String.valueOf(value);
    }

    private static Charset charset(Map<?, ?> options) {
        Object value = options.get("defaultCharset");
        if (value == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(String.valueOf(value).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("`options.defaultCharset` is not a charset this machine knows: '" + value + "'");
        }
    }

    private static Map<?, ?> map(Map<?, ?> options, String name) {
        return options.get(name) instanceof Map<?, ?> inner ? inner : Map.of();
    }
}
