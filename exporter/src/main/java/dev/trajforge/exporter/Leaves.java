package dev.trajforge.exporter;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.schema.MessageType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The leaf columns a row writer writes, each looked up once by its path in the schema and given its
 * {@link ColumnEncoder} when a shard is opened. A row writer calls {@link Leaf} methods with explicit
 * repetition and definition levels (Dremel shredding) instead of going through parquet-java's
 * {@code RecordConsumer}, which finds fields by name and tracks the nesting for every value.
 */
final class Leaves {
    private final MessageType schema;
    private final List<Leaf> leaves = new ArrayList<>();

    Leaves(MessageType schema) {
        this.schema = schema;
    }

    MessageType schema() {
        return schema;
    }

    /** The leaf at {@code path} (e.g. {@code messages.list.element.role}); every leaf of the schema must be asked for once. */
    Leaf of(String path) {
        ColumnDescriptor column = schema.getColumnDescription(path.split("\\."));
        Leaf leaf = new Leaf(column);
        leaves.add(leaf);
        return leaf;
    }

    /** Gives every leaf a new encoder and returns them in the schema's column order (see {@link ColumnEncoder}'s constructor). */
    List<ColumnEncoder> open(ParquetProperties properties, PageCompression compression, ZstdPageCompressor pageStoreCompressor) {
        LevelPacker levelPacker = new LevelPacker();
        if (leaves.size() != schema.getColumns().size()) {
            throw new IllegalStateException("the row writer writes " + leaves.size() + " of the schema's " + schema.getColumns().size() + " columns");
        }
        List<ColumnDescriptor> order = schema.getColumns();
        List<ColumnEncoder> encoders = new ArrayList<>();
        for (Leaf leaf : leaves) {
            leaf.encoder = new ColumnEncoder(leaf.column, properties, compression, pageStoreCompressor, levelPacker);
            encoders.add(leaf.encoder);
        }
        encoders.sort(Comparator.comparingInt(e -> order.indexOf(e.column())));
        return encoders;
    }

    /** One leaf column: its levels, and values written at given repetition and definition levels. */
    static final class Leaf {
        private final ColumnDescriptor column;
        private ColumnEncoder encoder;

        private Leaf(ColumnDescriptor column) {
            this.column = column;
        }

        /** The definition level of a value that is present. */
        int defined() {
            return column.getMaxDefinitionLevel();
        }

        /** The repetition level of a value that repeats its innermost list. */
        int repeated() {
            return column.getMaxRepetitionLevel();
        }

        void string(String value, int r, int d) {
            encoder.string(value, r, d);
        }

        /** {@code utf8} is kept by the column until its row group is written: the caller must not change it. */
        void utf8(byte[] utf8, int r, int d) {
            encoder.binary(utf8, r, d);
        }

        void int32(int value, int r, int d) {
            encoder.int32(value, r, d);
        }

        void int64(long value, int r, int d) {
            encoder.int64(value, r, d);
        }

        void float64(double value, int r, int d) {
            encoder.float64(value, r, d);
        }

        void bool(boolean value, int r, int d) {
            encoder.bool(value, r, d);
        }

        void missing(int r, int d) {
            encoder.missing(r, d);
        }

        /** A top-level required or optional string (null only for an optional column). */
        void string(String value) {
            if (value == null) {
                requireOptional();
                missing(0, 0);
            } else {
                string(value, 0, defined());
            }
        }

        private void requireOptional() {
            if (defined() == 0) {
                throw new NullPointerException(String.join(".", column.getPath()) + " is required");
            }
        }
    }
}
