package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a run directory's journals (and {@code config.json}) belong to the config a process was
 * started with. Each journal's latest header names its config by fingerprint and canonical JSON, so
 * the check holds even when {@code config.json} was deleted; journals from before headers are
 * checked against {@code config.json}. A mismatch lists the changed fingerprinted keys and is
 * refused unless forced.
 */
final class RunConfigCheck {
    private final Path root;
    private final LoadedConfig loaded;
    /** config.json's content, or null when there is none */
    private final JsonNode storedConfig;

    RunConfigCheck(Path root, LoadedConfig loaded, JsonNode storedConfig) {
        this.root = root;
        this.loaded = loaded;
        this.storedConfig = storedConfig;
    }

    /**
     * Throws a {@link ConfigException} listing the changed keys when a journal (or, before any
     * journal has a header, {@code config.json}) belongs to another config, unless {@code force}.
     * Returns whether {@code ownJournal} needs a new header line: it has entries under another
     * fingerprint, or entries from before headers.
     */
    boolean check(JournalIndex index, Path ownJournal, boolean force) {
        JsonNode current = RunDirectory.configTree(loaded.config());
        boolean ownNeedsHeader = false;
        boolean anyHeader = false;
        for (JournalIndex.FileSummary journal : index.files()) {
            List<String> changed;
            String mismatch;
            anyHeader |= journal.latestHeader() != null;
            if (journal.latestHeader() != null) {
                if (journal.latestHeader().configSha256().equals(loaded.sha256())) continue;
                changed = fingerprintedChanges(journal.latestHeader().config(), current);
                mismatch = journal.file().getFileName() + " was written under config " + journal.latestHeader().configSha256().substring(0, 12);
            } else if (journal.entries() == 0) {
                continue;
            } else if (storedConfig != null) {
                changed = fingerprintedChanges(storedConfig, current); // a journal from before headers: config.json speaks for it
                if (changed.isEmpty()) {
                    ownNeedsHeader |= journal.file().equals(ownJournal);
                    continue;
                }
                mismatch = journal.file().getFileName() + " (no header) belongs to config.json";
            } else {
                throw new ConfigException("config " + loaded.file() + ": run directory " + root + ": " + journal.file().getFileName()
                        + " has no config header (an earlier trajforge wrote it) and config.json is missing, so which config made its"
                        + " episodes cannot be told; use another output or --run-dir");
            }
            if (!force) {
                throw new ConfigException("config " + loaded.file() + ": run directory " + root + " holds a run with a different config ("
                        + mismatch + "; changed: " + (changed.isEmpty() ? "unknown" : String.join(", ", changed))
                        + "); use another output or --run-dir, or --force-config to continue anyway");
            }
            ownNeedsHeader |= journal.file().equals(ownJournal);
        }
        if (!anyHeader && storedConfig != null && !force) { // nothing journaled under a header yet: config.json is the record
            List<String> changed = fingerprintedChanges(storedConfig, current);
            if (!changed.isEmpty()) {
                throw new ConfigException("config " + loaded.file() + ": run directory " + root + " holds a run with a different config (changed: "
                        + String.join(", ", changed) + "); use another output or --run-dir, or --force-config to continue anyway");
            }
        }
        return ownNeedsHeader;
    }

    private static List<String> fingerprintedChanges(JsonNode before, JsonNode after) {
        List<String> changed = changedKeys(plain(before), plain(after), "");
        changed.removeIf(key -> !ConfigLoader.fingerprinted(key));
        return changed;
    }

    /** The tree as plain JSON reads it (numbers as their text gives them), however it was read before: 0.05 equals 0.05. */
    private static JsonNode plain(JsonNode tree) {
        return RunDirectory.readTree(tree.toString());
    }

    private static List<String> changedKeys(JsonNode before, JsonNode after, String prefix) {
        List<String> changed = new ArrayList<>();
        if (before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) names.add(it.next());
            for (String name : names) {
                JsonNode b = before.path(name);
                JsonNode a = after.path(name);
                if (!b.equals(a)) changed.addAll(changedKeys(b, a, prefix + name + "."));
            }
            return changed;
        }
        if (!before.equals(after)) changed.add(prefix.isEmpty() ? "(root)" : prefix.substring(0, prefix.length() - 1));
        return changed;
    }
}
