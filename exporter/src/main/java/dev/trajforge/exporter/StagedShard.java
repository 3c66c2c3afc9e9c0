package dev.trajforge.exporter;

import org.apache.hadoop.fs.Path;

import java.util.Objects;

/** A closed shard under {@code _temporary/}, with what its writer saw: rows, bytes and SHA-256. */
record StagedShard(String split, Path path, long rows, long bytes, String sha256) {
    StagedShard {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (rows <= 0) {
            throw new IllegalArgumentException(path + ": a staged shard holds at least one row, got " + rows);
        }
    }
}
