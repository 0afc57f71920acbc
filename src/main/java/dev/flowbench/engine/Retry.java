package dev.flowbench.engine;

import dev.flowbench.flow.IsoDuration;
import dev.flowbench.flow.Task;
import dev.flowbench.flow.yaml.YamlMap;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A task's {@code retry}, as Kestra reads it: {@code type} constant ({@code interval}), exponential ({@code interval}
 * times {@code delayFactor}, 2 unless told, per attempt, at most {@code maxInterval}) or random (between
 * {@code minInterval} and {@code maxInterval}); {@code maxAttempts} counts every attempt, the first included
 * (kestra-oracle: maxAttempts 3 on a Fail makes 3 attempts); no retry starts once {@code maxDuration} has passed since
 * the first; {@code warningOnRetry} ends a task that succeeded after a failed attempt in WARNING.
 */
record Retry(String type, Duration interval, Duration minInterval, Duration maxInterval, double delayFactor, int maxAttempts,
             Duration maxDuration, boolean warningOnRetry) {

    /** Attempts when a retry names no bound: Kestra would retry for ever, Flowbench stops here and says so. */
    static final int MOST_ATTEMPTS = 100;

    /** The task's retry, its values rendered; none when it has none. */
    static Optional<Retry> of(Task task, UnaryOperator<String> render) {
        if (!(task.header().source().get("retry").orElse(null) instanceof YamlMap retry)) {
            return Optional.empty();
        }
        String type = retry.string("type").map(render).orElse("constant").trim();
        Optional<Integer> attempts = retry.string("maxAttempts").map(render).map(text -> whole(text, "maxAttempts"));
        Duration maxDuration = duration(retry, "maxDuration", render);
        int maxAttempts = attempts.orElse(MOST_ATTEMPTS);
        return Optional.of(new Retry(type, duration(retry, "interval", render), duration(retry, "minInterval", render),
                duration(retry, "maxInterval", render),
                retry.string("delayFactor").map(render).map(text -> number(text, "delayFactor")).orElse(2.0),
                Math.min(maxAttempts, MOST_ATTEMPTS), maxDuration,
                retry.string("warningOnRetry").map(render).map(text -> Boolean.parseBoolean(text.trim())).orElse(false)));
    }

    /**
     * The wait before attempt {@code next} of a run that began at {@code first}, or none when no attempt is left or the
     * wait would end past {@code deadline} (null: none): what a conducted task (a flowable, a Subflow) schedules.
     */
    Optional<Duration> waitWithin(int next, java.time.Instant first, java.time.Instant deadline) {
        java.time.Instant now = java.time.Instant.now();
        return delayBefore(next, Duration.between(first, now))
                .filter(delay -> deadline == null || !now.plus(delay).isAfter(deadline));
    }

    /**
     * How long to wait before attempt {@code next} (2 for the first retry), or none when no attempt is left, the
     * first having started {@code elapsed} ago.
     */
    Optional<Duration> delayBefore(int next, Duration elapsed) {
        if (next > maxAttempts || (maxDuration != null && elapsed.compareTo(maxDuration) >= 0)) {
            return Optional.empty();
        }
        Duration delay = switch (type) {
            case "exponential" -> {
                Duration base = interval == null ? Duration.ofSeconds(1) : interval;
                double millis = base.toMillis() * Math.pow(delayFactor, next - 2);
                Duration grown = Duration.ofMillis((long) Math.min(millis, IsoDuration.LONGEST.toMillis()));
                yield maxInterval != null && grown.compareTo(maxInterval) > 0 ? maxInterval : grown;
            }
            case "random" -> {
                long low = minInterval == null ? 0 : minInterval.toMillis();
                long high = maxInterval == null ? low : Math.max(low, maxInterval.toMillis());
                yield Duration.ofMillis(low == high ? low : ThreadLocalRandom.current().nextLong(low, high + 1));
            }
            default -> interval == null ? Duration.ZERO : interval;
        };
        return Optional.of(delay);
    }

    private static Duration duration(YamlMap retry, String key, UnaryOperator<String> render) {
        return retry.string(key).map(render).map(text -> IsoDuration.parse(text.trim()).orElseThrow(() ->
                new Templates.TemplateError("retry `" + key + "` '" + text + "' is not an ISO-8601 duration", null))).orElse(null);
    }

    private static int whole(String text, String key) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new Templates.TemplateError("retry `" + key + "` must be a whole number, not '" + text + "'", null);
        }
    }

    private static double number(String text, String key) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new Templates.TemplateError("retry `" + key + "` must be a number, not '" + text + "'", null);
        }
    }
}
