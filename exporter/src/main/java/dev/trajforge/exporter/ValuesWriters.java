package dev.trajforge.exporter;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-java's default encoders (format v1), except that dictionary-encoded string columns use
 * {@link BinaryDictionaryWriter}: the same encodings and bytes, a faster dictionary lookup.
 */
final class ValuesWriters implements ValuesWriterFactory {
    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties properties;

    @Override
    public void initialize(ParquetProperties properties) {
        if (properties.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0) {
            throw new IllegalArgumentException("the exporter writes Parquet format v1 pages, not " + properties.getWriterVersion());
        }
        this.properties = properties;
        defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
        if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY || !properties.isDictionaryEnabled(column)) {
            return defaults.newValuesWriter(column);
        }
        PlainValuesWriter plain = new PlainValuesWriter(properties.getInitialSlabSize(), properties.getPageSizeThreshold(), properties.getAllocator());
        BinaryDictionaryWriter dictionary = new BinaryDictionaryWriter(properties.getDictionaryPageSizeThreshold(),
                Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, properties.getAllocator());
        return FallbackValuesWriter.of(dictionary, plain);
    }
}
