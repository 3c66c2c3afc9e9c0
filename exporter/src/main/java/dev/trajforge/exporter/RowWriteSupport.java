package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.Map;
import java.util.Objects;

/**
 * A {@link WriteSupport} of one fixed schema and footer: parquet-java's {@code ParquetWriter} hands each
 * row to {@link #write}, which writes its fields through a {@link FieldWriter} between
 * {@code startMessage} and {@code endMessage}. {@code writer.model.name} in the footer is {@value #NAME}.
 * One instance per file: it keeps the file's record consumer.
 */
abstract class RowWriteSupport<T> extends WriteSupport<T> {
    static final String NAME = "trajforge";

    private final MessageType schema;
    private final Map<String, String> footer;
    private FieldWriter fields;

    RowWriteSupport(MessageType schema, Map<String, String> footer) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.footer = Map.copyOf(footer);
    }

    MessageType schema() {
        return schema;
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in parquet-java 1.18
    public final WriteContext init(Configuration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public final WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public final String getName() {
        return NAME;
    }

    @Override
    public final void prepareForWrite(RecordConsumer recordConsumer) {
        fields = new FieldWriter(recordConsumer);
    }

    @Override
    public final void write(T row) {
        fields.startRow();
        writeFields(row, fields);
        fields.endRow();
    }

    /** Writes every field of {@code row}, in schema order. */
    abstract void writeFields(T row, FieldWriter out);
}
