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

    /** See {@link RunConfigCheck}; returns whether this worker's journal needs a new header line. */
    boolean checkConfig(LoadedConfig loaded, JournalIndex index, Path ownJournal, boolean force) {
        Path stored = root.resolve(CONFIG);
        boolean newHeader = new RunConfigCheck(root, loaded, Files.exists(stored) ? readStored(stored, loaded) : null).check(index, ownJournal, force);
        writeConfig(loaded);
        return newHeader;
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

    static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("canonical config JSON did not parse", e);
        }
    }

}
