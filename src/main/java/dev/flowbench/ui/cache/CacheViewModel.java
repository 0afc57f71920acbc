package dev.flowbench.ui.cache;

import dev.flowbench.app.Workspace;
import dev.flowbench.cache.CacheEntry;
import dev.flowbench.cache.CacheStore;
import dev.flowbench.cache.CacheEventRecord;
import dev.flowbench.cache.CacheKey;
import dev.flowbench.cache.CachedFile;
import dev.flowbench.app.CacheSavings;
import dev.flowbench.cache.Figures;
import dev.flowbench.store.CacheDecision;
import dev.flowbench.ui.app.UiTasks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cache browser's state: every entry of the WorkingDirectory cache, totals, the selected entry's recent events,
 * and one clock for every "expires in". It follows the database by itself: a change counter, asked a few times a
 * second in the background, says when to list the entries again (runs of this window, of the command line, of
 * another window). Commands: invalidate entries, the expired ones, those of a flow, or all. Lives on the FX thread.
 */
public final class CacheViewModel {

    /** How often the change counter is asked, and the clock advanced. */
    static final Duration WATCH_EVERY = Duration.ofMillis(300);

    private final ObservableList<CacheEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<dev.flowbench.cache.TaskCacheEntry> taskEntries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(Instant.now());
    private final ObjectProperty<CacheEntry> selected = new SimpleObjectProperty<>();
    private final ObservableList<CacheEventRecord> events = FXCollections.observableArrayList();
    private final ObservableList<CachedFile> files = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper changes = new ReadOnlyLongWrapper();
    private final ObservableList<DayCount> activity = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
    private List<CacheDecision> decisions = List.of();

    /** One day of the chart: the hits and misses of all entries, or of the selected one. */
    public record DayCount(LocalDate day, long hits, long misses) {
    }

    /** How many days the chart shows, today included. */
    static final int CHART_DAYS = 14;

    private final UiTasks tasks;
    private final Supplier<Workspace> workspace;
    private long seenVersion = Long.MIN_VALUE;
    private long listing;
    private boolean watching;
    private boolean relisting;

    public CacheViewModel(UiTasks tasks, Supplier<Workspace> workspace) {
        this.tasks = tasks;
        this.workspace = workspace;
        selected.addListener((o, before, entry) -> {
            loadEvents(entry, before == null || entry == null || !before.key().equals(entry.key()) || !before.blob().equals(entry.blob()));
            showActivity();
        });
    }

    public ObservableList<CacheEntry> entries() {
        return entries;
    }

    /** The tasks whose outcome is stored for reuse (Kestra's taskCache). */
    public ObservableList<dev.flowbench.cache.TaskCacheEntry> taskEntries() {
        return taskEntries;
    }

    /** True while the entries are being replaced by a new listing: a view's selection changes then are not the user's. */
    public boolean isRelisting() {
        return relisting;
    }

    /** "3 entries, 12.3 MB on disk (0.1% of the 10.0 GB limit)". */
    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** What went wrong (the database busy, an entry gone), or what was just done; empty when nothing to say. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Says {@code message} where the browser tells what went wrong or what was done. */
    public void tell(String message) {
        notice.set(message);
    }

    /** The one clock every "expires in" counts down from. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ObjectProperty<CacheEntry> selectedProperty() {
        return selected;
    }

    /** The selected entry's recent events, newest first: hits, misses with their reasons, saves, invalidations. */
    public ObservableList<CacheEventRecord> events() {
        return events;
    }

    /** Hits and misses per day over the last {@link #CHART_DAYS} days, for the selected entry or else all. */
    public ObservableList<DayCount> activity() {
        return activity;
    }

    /** "The cache saved about 3 min 20 s: 12 hits ..." for the selected entry or else all. */
    public ReadOnlyStringProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** Counts the database's changes seen by the watch (another process's runs too): others may follow it. */
    public ReadOnlyLongProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    /** The selected entry's files, folders and symlinks, as its archive lists them. */
    public ObservableList<CachedFile> files() {
        return files;
    }

    /** Starts following the database (once the workspace is open); idempotent. */
    public void watch() {
        if (watching) {
            return;
        }
        watching = true;
        tick();
    }

    private void tick() {
        Instant time = Instant.now();
        if (time.getEpochSecond() != now.get().getEpochSecond()) {
            now.set(time); // once a second: the countdowns show whole seconds
        }
        Workspace open = workspace.get();
        if (open == null) {
            tasks.later(WATCH_EVERY, this::tick);
            return;
        }
        tasks.run(open::cacheChangeCounter, version -> {
            if (version != seenVersion) {
                seenVersion = version;
                changes.set(changes.get() + 1);
                refresh();
            }
            tasks.later(WATCH_EVERY, this::tick);
        }, failure -> tasks.later(WATCH_EVERY.multipliedBy(10), this::tick)); // a busy database: ask again later
    }

    /** Lists the entries again (the answer to an older request that arrives late is dropped). */
    public void refresh() {
        Workspace open = workspace.get();
        if (open == null) {
            return;
        }
        long mine = ++listing;
        Instant since = LocalDate.now().minusDays(CHART_DAYS - 1).atStartOfDay(ZoneId.systemDefault()).toInstant();
        tasks.run(() -> open.history().cacheDecisions(since), found -> {
            if (mine == listing) {
                decisions = found;
                showActivity();
            }
        }, failure -> notice.set("Could not read the cache's hits and misses: " + failure.getMessage()));
        tasks.run(() -> {
            List<CacheEntry> listed = open.cache().list();
            return new Listing(listed, open.cache().taskEntries(), CacheStore.diskBytes(listed), open.cache().maxBytes());
        }, found -> {
            if (mine != listing) {
                return;
            }
            CacheKey chosen = selected.get() == null ? null : selected.get().key();
            relisting = true; // what a table does to its selection while its items are replaced is not the user's choice
            try {
                entries.setAll(found.entries());
                taskEntries.setAll(found.tasks());
            } finally {
                relisting = false;
            }
            totals.set(totals(found));
            if (chosen != null) {
                selected.set(found.entries().stream().filter(e -> e.key().equals(chosen)).findFirst().orElse(null));
            }
        }, failure -> notice.set("Could not list the cache: " + failure.getMessage()));
    }

    private record Listing(List<CacheEntry> entries, List<dev.flowbench.cache.TaskCacheEntry> tasks, long bytes, long limit) {
    }

    private static String totals(Listing listing) {
        int count = listing.entries().size();
        double share = listing.limit() <= 0 ? 0 : 100.0 * listing.bytes() / listing.limit();
        int outcomes = listing.tasks().size();
        return count + (count == 1 ? " entry, " : " entries, ") + Figures.bytes(listing.bytes()) + " on disk ("
                + String.format(Locale.ROOT, share < 0.1 && listing.bytes() > 0 ? "<0.1" : "%.1f", share) + "% of the "
                + Figures.bytes(listing.limit()) + " limit)"
                + (outcomes == 0 ? "" : ", " + outcomes + (outcomes == 1 ? " task outcome" : " task outcomes"));
    }

    /** The entry's events, and its files when its archive is another than the one listed last (reading it costs). */
    private void loadEvents(CacheEntry entry, boolean newArchive) {
        Workspace open = workspace.get();
        if (entry == null || open == null) {
            events.clear();
            files.clear();
            return;
        }
        if (newArchive) {
            loadFiles(open, entry);
        }
        tasks.run(() -> open.cache().events(entry.key(), 50), found -> {
            if (selected.get() != null && selected.get().key().equals(entry.key())) {
                events.setAll(found);
            }
        }, failure -> notice.set("Could not read the events of " + entry.key() + ": " + failure.getMessage()));
    }

    private void loadFiles(Workspace open, CacheEntry entry) {
        tasks.run(() -> open.cache().files(entry), found -> {
            if (selected.get() != null && selected.get().key().equals(entry.key())) {
                files.setAll(found);
            }
        }, failure -> {
            files.clear();
            notice.set("Could not list the files of " + entry.key() + ": " + failure.getMessage());
        });
    }

    /** Invalidates these entries: the next run of each is a MISS "invalidated". */
    public void invalidate(List<CacheKey> keys) {
        Workspace open = workspace.get();
        if (open == null || keys.isEmpty()) {
            return;
        }
        tasks.run(() -> open.cache().invalidate(keys), done -> invalidated(done), this::failed);
    }

    public void invalidateExpired() {
        Workspace open = workspace.get();
        if (open != null) {
            tasks.run(() -> open.cache().invalidateExpired(Instant.now()), this::invalidated, this::failed);
        }
    }

    /** Invalidates every entry of the flow {@code namespace/flowId}: all its cached WorkingDirectories. */
    public void invalidateFlow(String namespace, String flowId) {
        Workspace open = workspace.get();
        if (open != null) {
            tasks.run(() -> open.cache().invalidateFlow(namespace, flowId), this::invalidated, this::failed);
        }
    }

    public void invalidateAll() {
        Workspace open = workspace.get();
        if (open != null) {
            tasks.run(() -> open.cache().invalidateAll(), this::invalidated, this::failed);
        }
    }

    private void invalidated(List<CacheKey> keys) {
        notice.set(keys.isEmpty() ? "Nothing to invalidate (already gone)."
                : "Invalidated " + (keys.size() == 1 ? keys.get(0) : keys.size() + " entries") + ".");
        refresh();
    }

    private void failed(Throwable failure) {
        notice.set("Could not invalidate: " + failure.getMessage());
        refresh();
    }

    private void showActivity() {
        String key = selected.get() == null ? null : selected.get().key().toString();
        List<CacheDecision> shown = decisions.stream().filter(d -> key == null || d.cacheKey().equals(key)).toList();
        Map<LocalDate, long[]> days = new TreeMap<>();
        LocalDate today = LocalDate.now();
        for (int i = CHART_DAYS - 1; i >= 0; i--) {
            days.put(today.minusDays(i), new long[2]);
        }
        for (CacheDecision decision : shown) {
            long[] counts = days.get(decision.at().atZone(ZoneId.systemDefault()).toLocalDate());
            if (counts != null) {
                counts[decision.result() == dev.flowbench.engine.CacheResult.HIT ? 0 : 1]++;
            }
        }
        activity.setAll(days.entrySet().stream().map(e -> new DayCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
        CacheSavings savings = CacheSavings.of(shown);
        String whose = key == null ? "all entries" : key;
        saved.set(savings.hits() + savings.misses() == 0 ? "No hits or misses in the last " + CHART_DAYS + " days (" + whose + ")."
                : "Last " + CHART_DAYS + " days, " + whose + ": " + Figures.hitsAndMisses(savings.hits(), savings.misses()) + "; "
                + (savings.estimatedEntries() == 0 ? "no estimate of the time saved yet (it needs runs with and without a hit)."
                : "the cache saved about " + Figures.seconds(savings.saved()).replace(".00 s", " s")
                + " (each hit against the same WorkingDirectory's runs after a miss)."));
    }

    /** "in 4 min", "expired 3 min ago", "never" (no ttl): for the entry at the clock's time. */
    public static String expiresIn(CacheEntry entry, Instant now) {
        return entry.expiresAt().map(at -> now.isBefore(at) ? "in " + Figures.ago(now, at).replace(" ago", "")
                : "expired " + Figures.ago(at, now)).orElse("never");
    }
}
