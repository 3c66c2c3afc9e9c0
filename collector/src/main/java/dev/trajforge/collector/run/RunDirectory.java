package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalIndex;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A run's working directory: the effective config it was started with, one journal per worker (each
 * held by one process at a time through its {@code .lock}), done markers, the commit lock, the run log
 * and the journal lines set aside as damaged. By default {@code <output>/_trajforge/} (a
 * {@code _}-prefixed folder dataset readers ignore); {@code --run-dir} puts it elsewhere, and must for
 * an output that is not a local path (hdfs://, s3a://). Its path is always absolute.
 */
public final class RunDirectory {
    static final String DEFAULT_NAME = "_trajforge";
    private static final String CONFIG = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static RunDirectory at(Path root) {
        return new RunDirectory(root);
    }

    /** {@code --run-dir} if given, else next to a local output. */
    static RunDirectory forOutput(LoadedConfig loaded, Path runDir) {
        if (runDir != null) return at(runDir);
        String output = loaded.config().output();
        URI uri;
        try {
            uri = URI.create(output.replace(" ", "%20"));
        } catch (IllegalArgumentException notAUri) {
            return at(Path.of(output).resolve(DEFAULT_NAME));
        }
        if (uri.getScheme() == null || uri.getScheme().length() == 1) return at(Path.of(output).resolve(DEFAULT_NAME));
        if (uri.getScheme().equals("file")) return at(Path.of(uri).resolve(DEFAULT_NAME));
        throw new ConfigException(loaded.outputOrigin() + ": " + output
                + " is not a local path; give the run journal a local or shared directory with --run-dir");
    }

    public Path root() {
        return root;
    }

    /** Creates the directory; a failure is the run directory's, with the OS's reason. */
    void create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new RunDirectoryException("cannot create the run directory " + root, e);
        }
    }

    /**
     * Checks that every journal of the run, and {@code config.json}, belong to this config, listing the
     * changed keys otherwise (refused unless forced; keys that do not change the data may change).
     * Records the config in {@code config.json} when it is missing or forced. Returns whether this
     * worker's journal needs a new header line: it has entries under another fingerprint or none at all.
     */
    boolean checkConfig(LoadedConfig loaded, JournalIndex index, Path ownJournal, boolean force) {
        JsonNode current = configTree(loaded.config());
        boolean ownNeedsHeader = false;
        Path stored = root.resolve(CONFIG);
        JsonNode storedConfig = Files.exists(stored) ? readStored(stored, loaded) : null;
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
                mismatch = journal.file().getFileName() + " (no header) belongs to " + CONFIG;
            } else {
                throw new ConfigException("config " + loaded.file() + ": run directory " + root + ": " + journal.file().getFileName()
                        + " has no config header (an earlier trajforge wrote it) and " + CONFIG + " is missing, so which config made its"
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
        writeConfig(loaded);
        return ownNeedsHeader;
    }

    private void writeConfig(LoadedConfig loaded) {
        Path stored = root.resolve(CONFIG);
        Path staged = root.resolve(CONFIG + ".tmp");
        try {
            Files.writeString(staged, ConfigLoader.canonicalJson(loaded.config()) + "\n");
            Files.move(staged, stored, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RunDirectoryException("cannot write " + stored, e);
        }
    }

    /**
     * The config a run was started with, for {@code commit} and {@code export}: {@code config.json}, or,
     * when that is gone, the config in the journals' headers (written back to {@code config.json}). A
     * relative output of a run directory from before outputs were stored absolute is resolved against
     * the output the default run directory sits in.
     */
    public LoadedConfig storedConfig() {
        Path stored = root.resolve(CONFIG);
        if (!Files.exists(stored)) restoreConfigFromJournals(stored);
        LoadedConfig loaded = ConfigLoader.load(stored, List.of());
        if (root.getFileName().toString().equals(DEFAULT_NAME)) return loaded.withAbsoluteOutput(root.getParent());
        return loaded;
    }

    private void restoreConfigFromJournals(Path stored) {
        JournalIndex index = JournalIndex.of(journals(), Long.MAX_VALUE);
        JournalIndex.FileSummary withHeader = index.files().stream().filter(f -> f.latestHeader() != null).findFirst()
                .orElseThrow(() -> new ConfigException("run directory " + root + ": no " + CONFIG + " and no journal with a config header"
                        + " (not a trajforge run directory?)"));
        try {
            Files.writeString(stored, JSON.writeValueAsString(withHeader.latestHeader().config()) + "\n");
        } catch (IOException e) {
            throw new RunDirectoryException("cannot write " + stored, e);
        }
    }

    Path journal(Worker worker) {
        return root.resolve("journal-" + worker.tag() + ".jsonl");
    }

    Path journalLock(Worker worker) {
        return root.resolve("journal-" + worker.tag() + ".lock");
    }

    Path damagedDir() {
        return root.resolve("damaged");
    }

    /** Holds this worker's journal for this process; refuses a second process. */
    RunLock lockWorker(Worker worker, Clock clock) {
        return RunLock.acquire(journalLock(worker), "worker " + worker.index() + "/" + worker.count(), clock);
    }

    /** Holds the commit for this process; refuses while another one commits. */
    RunLock lockCommit(Clock clock) {
        return RunLock.acquire(root.resolve("commit.lock"), "the commit", clock);
    }

    /** Every worker's journal. */
    public List<Path> journals() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().matches("journal-\\d+-of-\\d+\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new RunDirectoryException("cannot list the run directory " + root, e);
        }
    }

    void markDone(Worker worker) {
        try {
            Files.writeString(root.resolve("done-" + worker.tag()), "");
        } catch (IOException e) {
            throw new RunDirectoryException("cannot write the done marker in " + root, e);
        }
    }

    /**
     * Workers of an {@code N}-way run that have not finished: no done marker and not every one of their
     * episodes journaled (a worker whose marker was deleted but whose episodes are all there is done, and
     * its marker is written again).
     */
    List<Integer> workersNotDone(int count, JournalIndex index, long episodes) {
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Worker worker = new Worker(k, count);
            if (Files.exists(root.resolve("done-" + worker.tag()))) continue;
            boolean all = true;
            for (long e = k; e < episodes && all; e += count) all = index.slot(e) != null;
            if (all) markDone(worker);
            else missing.add(k);
        }
        return missing;
    }

    /** The worker count of the run, from its journals (1 when there are none). */
    public int workerCount() {
        return journals().stream().map(f -> f.getFileName().toString().replaceAll("journal-\\d+-of-(\\d+)\\.jsonl", "$1"))
                .mapToInt(Integer::parseInt).max().orElse(1);
    }

    Path runLog() {
        return root.resolve("run-log.jsonl");
    }

    /** The canonical JSON tree of a config, as journal headers carry it. */
    static JsonNode configTree(dev.trajforge.collector.config.RunConfig config) {
        return readTree(ConfigLoader.canonicalJson(config));
    }

    private static JsonNode readStored(Path stored, LoadedConfig loaded) {
        try {
            return JSON.readTree(stored.toFile());
        } catch (IOException e) {
            throw new ConfigException("config " + loaded.file() + ": cannot read " + stored + ": " + e.getMessage());
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("canonical config JSON did not parse", e);
        }
    }

    private static List<String> fingerprintedChanges(JsonNode before, JsonNode after) {
        List<String> changed = changedKeys(before, after, "");
        changed.removeIf(key -> !ConfigLoader.fingerprinted(key));
        return changed;
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
