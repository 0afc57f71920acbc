package dev.flowbench.cache;

import dev.flowbench.engine.CacheResult;
import dev.flowbench.engine.LogLevel;
import dev.flowbench.engine.State;
import dev.flowbench.engine.TaskContext;
import dev.flowbench.engine.TaskCacheHooks;
import dev.flowbench.engine.TaskOutcome;
import dev.flowbench.engine.WorkingDirectoryHooks;
import dev.flowbench.flow.CacheSpec;
import dev.flowbench.flow.WorkingDirectoryTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugs the cache into WorkingDirectory tasks (restore before the children, save after, keep the tree when the
 * directory is released) and into tasks with Kestra's {@code taskCache} (reuse an earlier outcome, store a new one).
 * Whatever goes wrong here is a warning and a miss (or NOT_SAVED); the run itself never fails because of the cache.
 */
public final class CacheHooks implements WorkingDirectoryHooks, TaskCacheHooks {

    private final CacheStore store;
    private final Map<Path, String> restoredManifests = new ConcurrentHashMap<>();

    public CacheHooks(CacheStore store) {
        this.store = store;
    }

    @Override
    public void beforeChildren(WorkingDirectoryTask task, Path directory, TaskContext context) {
        if (task.cache().isEmpty()) {
            return;
        }
        CacheSpec cache = task.cache().get();
        try {
            RestoreResult result = store.restore(key(task, context), patterns(cache, context), ttl(cache, context),
                    directory, context.executionId());
            if (result.hit()) {
                restoredManifests.put(directory, result.manifest());
            }
            Map<String, Object> details = details(task, context, result.took().toMillis());
            details.put("files", result.files());
            details.put("bytes", result.bytes());
            context.cacheEvent(result.hit() ? CacheResult.HIT : CacheResult.MISS, result.reason(), details);
        } catch (Exception e) {
            context.log(LogLevel.WARN, "cache", "the cache could not be read, running without it: " + message(e));
            context.cacheEvent(CacheResult.MISS, "the cache could not be read: " + message(e), details(task, context, 0));
        }
    }

    @Override
    public void afterChildren(WorkingDirectoryTask task, Path directory, State childrenState, TaskContext context) {
        if (task.cache().isEmpty()) {
            return;
        }
        CacheSpec cache = task.cache().get();
        String restored = restoredManifests.remove(directory);
        boolean succeeded = childrenState == State.SUCCESS || childrenState == State.WARNING;
        try {
            SaveResult result = store.save(key(task, context), patterns(cache, context), ttl(cache, context), directory,
                    succeeded, restored, context.executionId());
            for (String pattern : result.unmatchedPatterns()) {
                context.log(LogLevel.WARN, "cache", "cache pattern '" + pattern + "' matched nothing");
            }
            for (CacheKey evicted : result.evicted()) {
                context.log(LogLevel.INFO, "cache", "evicted cache entry " + evicted + " to stay within "
                        + Figures.bytes(store.maxBytes()));
            }
            Map<String, Object> details = details(task, context, result.took().toMillis());
            details.put("files", result.files());
            details.put("bytes", result.bytes());
            details.put("compressedBytes", result.compressedBytes());
            details.put("unmatchedPatterns", result.unmatchedPatterns());
            context.cacheEvent(result.outcome(), result.reason(), details);
        } catch (Exception e) {
            context.log(LogLevel.WARN, "cache", "the cache could not be saved: " + message(e));
            context.cacheEvent(CacheResult.NOT_SAVED, "saving failed: " + message(e), details(task, context, 0));
        }
    }

    @Override
    public void release(WorkingDirectoryTask task, Path directory, TaskContext context) {
        if (task.cache().isEmpty()) {
            return;
        }
        store.release(directory).ifPresent(why -> context.log(LogLevel.INFO, "cache",
                "the next hit restores the files from the archive, as their tree was not kept: " + why));
    }

    @Override
    public Reuse lookup(TaskContext context, String definition, String ttl) {
        try {
            return store.reuseTask(taskKey(context), definition, ttl, context.storage(), context.executionId());
        } catch (Exception e) {
            context.log(LogLevel.WARN, "cache", "the task cache could not be read, running the task: " + message(e));
            return new Reuse(java.util.Optional.empty(), "the task cache could not be read: " + message(e));
        }
    }

    @Override
    public void store(TaskContext context, String definition, String ttl, TaskOutcome outcome) {
        try {
            store.storeTask(taskKey(context), definition, ttl, outcome, context.executionId());
        } catch (Exception e) {
            context.log(LogLevel.WARN, "cache", "the task's outputs could not be stored for reuse: " + message(e));
        }
    }

    private static CacheKey taskKey(TaskContext context) {
        return new CacheKey(context.namespace(), context.flowId(), context.task().id());
    }

    private static CacheKey key(WorkingDirectoryTask task, TaskContext context) {
        return CacheKey.inIteration(context.namespace(), context.flowId(), task.id(), context.iterationValue().orElse(null));
    }

    private static List<String> patterns(CacheSpec cache, TaskContext context) {
        return context.render(cache.patterns(), null);
    }

    private static String ttl(CacheSpec cache, TaskContext context) {
        return cache.ttl() == null ? null : context.render(cache.ttl()).trim();
    }

    private static Map<String, Object> details(WorkingDirectoryTask task, TaskContext context, long millis) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key", key(task, context).toString());
        details.put("durationMs", millis);
        return details;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
