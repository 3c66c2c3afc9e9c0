package dev.trajforge.collector.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One log format teams keep agent sessions in. {@link #read} turns everything in {@code in} into
 * {@link IngestItem}s: every session becomes a {@link IngestItem.Session} or a {@link IngestItem.Rejected}
 * with the reason, and a bad line never stops the reading. Only I/O failures are thrown.
 */
public interface SessionFormat {
    String name();

    void read(String displayName, BufferedReader in, Consumer<IngestItem> out) throws IOException;
}
