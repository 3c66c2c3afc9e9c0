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
public record LoadedConfig(RunConfig config, Path file, String sha256) {
    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The same run writing elsewhere (the CLI's {@code --out}); the fingerprint stays as it is. */
    public LoadedConfig withOutput(String output) {
        return new LoadedConfig(config.withOutput(output), file, sha256);
    }

    /**
     * The same run's journal exported in another format (the CLI's {@code export --format}); the
     * fingerprint stays the run's, the manifest and card name the format. An unknown format names the flag.
     */
    public LoadedConfig withExportFormat(String format) {
        RunConfig.Export export = config.export();
        try {
            return new LoadedConfig(config.withExport(new RunConfig.Export(format, export.dedup(), export.nearDuplicates(),
                    export.nearDuplicateThreshold())), file, sha256);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--format: " + e.getMessage().replaceFirst("^format: ", ""));
        }
    }
}
