package dev.flowbench.ui.kv;

import dev.flowbench.app.Workspace;
import dev.flowbench.engine.KvValue;
import dev.flowbench.flow.IsoDuration;
import dev.flowbench.store.KvStore;
import dev.flowbench.ui.app.UiTasks;
import java.time.Duration;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The KV store's state in the window: every namespace's live entries, read from the home's database as
 * {@code flowbench kv ls} reads them (flows' kv.Set, this window, the command line), and the commands that set and
 * remove a key. Lives on the FX thread; the database is read and written off it.
 */
public final class KvViewModel {

    private final ObservableList<KvStore.Entry> entries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final UiTasks tasks;
    private final Supplier<Workspace> workspace;
    private long listing;

    public KvViewModel(UiTasks tasks, Supplier<Workspace> workspace) {
        this.tasks = tasks;
        this.workspace = workspace;
    }

    public ObservableList<KvStore.Entry> entries() {
        return entries;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Lists the entries again; an older listing that answers late is dropped. */
    public void refresh() {
        Workspace open = workspace.get();
        if (open == null) {
            return;
        }
        long mine = ++listing;
        tasks.run(() -> open.keyValues().entries(null), found -> {
            if (mine == listing) {
                entries.setAll(found);
            }
        }, failure -> notice.set("Could not read the KV store: " + failure.getMessage()));
    }

    /**
     * Sets {@code key} of {@code namespace} to {@code value} of {@code type} (STRING when null), living {@code ttl}
     * (an ISO-8601 duration; none when blank). What is wrong is said in the notice, and nothing is written.
     */
    public void set(String namespace, String key, String value, KvValue.Type type, String ttl) {
        Workspace open = workspace.get();
        if (open == null) {
            return;
        }
        String ns = namespace == null ? "" : namespace.trim();
        String name = key == null ? "" : key.trim();
        if (ns.isEmpty() || name.isEmpty()) {
            notice.set("A namespace and a key are needed to set a value.");
            return;
        }
        KvValue typed;
        Duration lives = null;
        try {
            typed = KvValue.of(value == null ? "" : value, type);
            if (ttl != null && !ttl.isBlank()) {
                lives = IsoDuration.parse(ttl.trim()).orElseThrow(() -> new IllegalArgumentException(
                        "the time to live '" + ttl.trim() + "' is not an ISO-8601 duration (PT1H)"));
            }
        } catch (IllegalArgumentException e) {
            notice.set("Not set: " + e.getMessage().replace(" (kvType)", "") + ".");
            return;
        }
        Duration kept = lives;
        tasks.run(() -> open.keyValues().set(ns, name, typed, true, kept), done -> {
            notice.set("Set " + ns + " / " + name + ".");
            refresh();
        }, failure -> notice.set("Could not set " + name + ": " + failure.getMessage()));
    }

    /** Removes the entry's key. */
    public void remove(KvStore.Entry entry) {
        Workspace open = workspace.get();
        if (open == null || entry == null) {
            return;
        }
        tasks.run(() -> open.keyValues().delete(entry.namespace(), entry.key()), removed -> {
            notice.set(removed ? "Removed " + entry.namespace() + " / " + entry.key() + "."
                    : entry.key() + " was already gone.");
            refresh();
        }, failure -> notice.set("Could not remove " + entry.key() + ": " + failure.getMessage()));
    }
}
