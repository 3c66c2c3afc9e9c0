package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's working directory: the effective config it was started with, one journal per worker,
 * done markers, the commit lock and the run log. By default {@code <output>/_trajforge/} (a
 * {@code _}-prefixed folder dataset readers ignore); {@code --run-dir} puts it elsewhere, and must for
 * an output that is not a local path (hdfs://, s3a://).
 */
public final class RunDirectory {
    static final String DEFAULT_NAME = "_trajforge";
    private static final String CONFIG = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    public static RunDirectory at(Path root) {
        return new RunDirectory(root);
    }

    /** {@code --run-dir} if given, else next to a local output. */
    static RunDirectory forOutput(String output, String runDir, Path configFile) {
        if (runDir != null) return at(Path.of(runDir));
        URI uri = URI.create(output.replace(" ", "%20"));
        if (uri.getScheme() == null) return at(Path.of(output).resolve(DEFAULT_NAME));
        if (uri.getScheme().equals("file")) return at(Path.of(uri).resolve(DEFAULT_NAME));
        throw new ConfigException("config " + configFile + ": key 'output': " + output
                + " is not a local path; give the run journal a local or shared directory with --run-dir");
    }

    public Path root() {
        return root;
    }

    /**
     * Records the effective config on first use; afterwards refuses a changed one (listing the changed
     * keys) unless forced. Keys that do not change the data (output, concurrency, budget, ...) may change.
     */
    void checkConfig(LoadedConfig loaded, boolean force) {
        try {
            Files.createDirectories(root);
            Path stored = root.resolve(CONFIG);
            String current = ConfigLoader.canonicalJson(loaded.config());
            if (Files.exists(stored)) {
                List<String> changed = changedKeys(JSON.readTree(stored.toFile()), JSON.readTree(current), "");
                changed.removeIf(key -> !ConfigLoader.fingerprinted(key));
                if (changed.isEmpty()) return;
                if (!force) {
                    throw new ConfigException("config " + loaded.file() + ": run directory " + root + " holds a run with a different config (changed: "
                            + String.join(", ", changed) + "); use another output or --run-dir, or --force-config to continue anyway");
                }
            }
            Files.writeString(stored, current + "\n");
        } catch (IOException e) {
            throw new ConfigException("config " + loaded.file() + ": cannot use run directory " + root + ": " + e.getMessage());
        }
    }

    /** The config a run was started with, for {@code commit} and {@code export}. */
    public LoadedConfig storedConfig() {
        Path stored = root.resolve(CONFIG);
        if (!Files.exists(stored)) throw new ConfigException("run directory " + root + ": no " + CONFIG + " (not a trajforge run directory?)");
        return ConfigLoader.load(stored, List.of());
    }

    Path journal(Worker worker) {
        return root.resolve("journal-" + worker.tag() + ".jsonl");
    }

    /** Every worker's journal. */
    public List<Path> journals() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().matches("journal-\\d+-of-\\d+\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list run directory " + root, e);
        }
    }

    void markDone(Worker worker) {
        try {
            Files.writeString(root.resolve("done-" + worker.tag()), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write done marker in " + root, e);
        }
    }

    /** Workers of an {@code N}-way run that have not finished yet. */
    public List<Integer> workersNotDone(int count) {
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < count; k++) if (!Files.exists(root.resolve("done-" + k + "-of-" + count))) missing.add(k);
        return missing;
    }

    /** The worker count of the run, from its journals (1 when there are none). */
    public int workerCount() {
        return journals().stream().map(f -> f.getFileName().toString().replaceAll("journal-\\d+-of-(\\d+)\\.jsonl", "$1"))
                .mapToInt(Integer::parseInt).max().orElse(1);
    }

    /** Takes the commit lock; false if another process holds it. */
    boolean tryLockCommit() {
        try {
            Files.createFile(root.resolve("commit.lock"));
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the commit lock in " + root, e);
        }
    }

    void unlockCommit() {
        try {
            Files.deleteIfExists(root.resolve("commit.lock"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the commit lock in " + root, e);
        }
    }

    Path runLog() {
        return root.resolve("run-log.jsonl");
    }

    private static List<String> changedKeys(JsonNode before, JsonNode after, String prefix) {
        List<String> changed = new ArrayList<>();
        if (before.isObject() && after.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
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
