package dev.trajforge.collector.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A run configuration with where it came from and its fingerprint.
 *
 * @param config the effective configuration (file, then {@code --set} overrides, then defaults)
 * @param file   the YAML file it was read from, as given
 * @param sha256 fingerprint: SHA-256 (lowercase hex) of the canonical JSON of {@code config} without the
 *               keys that do not change the produced data ({@code output}, {@code concurrency},
 *               {@code keepRejected}); see {@link ConfigLoader#fingerprint(RunConfig)}
 */
public record LoadedConfig(RunConfig config, Path file, String sha256, String outputOrigin) {
    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        outputOrigin = outputOrigin == null ? "config " + file + ": key 'output'" : outputOrigin;
    }

    /** @param outputOrigin where {@code output} came from, for error messages: {@code config FILE: key 'output'} unless given */
    public LoadedConfig(RunConfig config, Path file, String sha256) {
        this(config, file, sha256, null);
    }

    /** The same run writing elsewhere (the CLI's {@code --out}); the fingerprint stays as it is. */
    public LoadedConfig withOutput(String output) {
        return new LoadedConfig(config.withOutput(output), file, sha256, "--out");
    }

    /** The same run with {@code keepRejected} set (the CLI's {@code --keep-rejected}); the fingerprint stays. */
    public LoadedConfig withKeepRejected(boolean keep) {
        return new LoadedConfig(config.withKeepRejected(keep), file, sha256, outputOrigin);
    }

    /**
     * The same run with a local {@code output} made absolute against {@code base} (the working
     * directory where the command was given), so that a later {@code commit} or {@code export} from
     * another directory writes to the same place. URIs with a scheme are kept as they are.
     */
    public LoadedConfig withAbsoluteOutput(Path base) {
        String output = config.output();
        if (hasScheme(output)) return this;
        String absolute = base.resolve(output).toAbsolutePath().normalize().toString();
        return absolute.equals(output) ? this : new LoadedConfig(config.withOutput(absolute), file, sha256, outputOrigin);
    }

    private static boolean hasScheme(String output) {
        int colon = output.indexOf(':');
        return colon > 1 && output.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    /**
     * The same run's journal exported in another format (the CLI's {@code export --format}); the
     * fingerprint stays the run's, the manifest and card name the format. An unknown format names the flag.
     */
    public LoadedConfig withExportFormat(String format) {
        RunConfig.Export export = config.export();
        try {
            return new LoadedConfig(config.withExport(new RunConfig.Export(format, export.dedup(), export.nearDuplicates(),
                    export.nearDuplicateThreshold())), file, sha256, outputOrigin);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--format: " + e.getMessage().replaceFirst("^format: ", ""));
        }
    }
}
