package dev.trajforge.exporter;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaf columns a row writer writes, each looked up once by its path in the schema and bound to
 * the column writers of every new row group. A row writer calls {@link Leaf} methods with explicit
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

    /** Points every leaf at the writers of a new row group's store. */
    void bind(ColumnWriteStore store) {
        if (leaves.size() != schema.getColumns().size()) {
            throw new IllegalStateException("the row writer binds " + leaves.size() + " of the schema's " + schema.getColumns().size() + " columns");
        }
        for (Leaf leaf : leaves) {
            leaf.writer = store.getColumnWriter(leaf.column);
        }
    }

    /** One leaf column: its levels, and values written at given repetition and definition levels. */
    static final class Leaf {
        private final ColumnDescriptor column;
        private ColumnWriter writer;

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
            writer.write(utf8(value), r, d);
        }

        void binary(Binary value, int r, int d) {
            writer.write(value, r, d);
        }

        void int32(int value, int r, int d) {
            writer.write(value, r, d);
        }

        void int64(long value, int r, int d) {
            writer.write(value, r, d);
        }

        void float64(double value, int r, int d) {
            writer.write(value, r, d);
        }

        void bool(boolean value, int r, int d) {
            writer.write(value, r, d);
        }

        void missing(int r, int d) {
            writer.writeNull(r, d);
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

        /**
         * The UTF-8 bytes of {@code value} (the same bytes as {@code Binary.fromString}), backed by a byte
         * array, which the dictionary hashes and compares fastest.
         */
        static Binary utf8(String value) {
            return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
