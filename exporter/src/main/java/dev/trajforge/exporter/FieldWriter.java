package dev.trajforge.exporter;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the fields of one row to parquet-java's {@link RecordConsumer}, which shreds them into its
 * column writers: values, optional values (absent when null), groups and standard 3-level lists
 * ({@code <name> (LIST) { repeated group list { element } }}; an empty list is an empty group).
 * Fields must be written in schema order.
 */
final class FieldWriter {
    private final RecordConsumer out;

    FieldWriter(RecordConsumer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    void startRow() {
        out.startMessage();
    }

    void endRow() {
        out.endMessage();
    }

    /** A required string; null is refused naming the field. */
    void string(Field field, String value) {
        Objects.requireNonNull(value, field.name());
        binary(field, utf8(value));
    }

    void optionalString(Field field, String value) {
        if (value != null) {
            string(field, value);
        }
    }

    /** A string given as its UTF-8 bytes (for values written again and again, encoded once). */
    void binary(Field field, Binary value) {
        out.startField(field.name(), field.index());
        out.addBinary(value);
        out.endField(field.name(), field.index());
    }

    void int32(Field field, int value) {
        out.startField(field.name(), field.index());
        out.addInteger(value);
        out.endField(field.name(), field.index());
    }

    void int64(Field field, long value) {
        out.startField(field.name(), field.index());
        out.addLong(value);
        out.endField(field.name(), field.index());
    }

    void float64(Field field, double value) {
        out.startField(field.name(), field.index());
        out.addDouble(value);
        out.endField(field.name(), field.index());
    }

    void optionalFloat64(Field field, Double value) {
        if (value != null) {
            float64(field, value);
        }
    }

    void bool(Field field, boolean value) {
        out.startField(field.name(), field.index());
        out.addBoolean(value);
        out.endField(field.name(), field.index());
    }

    /** A group field; {@code fields} writes its fields. */
    void group(Field field, Runnable fields) {
        out.startField(field.name(), field.index());
        out.startGroup();
        fields.run();
        out.endGroup();
        out.endField(field.name(), field.index());
    }

    /** A {@code list<string>}. */
    void strings(Field field, List<String> values) {
        list(field, values, value -> string(Field.ELEMENT, value));
    }

    /** A list of groups; {@code fields} writes the fields of one element. */
    <E> void groups(Field field, List<E> items, Consumer<E> fields) {
        list(field, items, item -> group(Field.ELEMENT, () -> fields.accept(item)));
    }

    /** The UTF-8 bytes of {@code value} (the bytes {@code Binary.fromString} holds), backed by an array, which the dictionary encoder hashes fastest. */
    static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code element} writes the {@code element} field of one item. */
    private <E> void list(Field field, List<E> items, Consumer<E> element) {
        out.startField(field.name(), field.index());
        out.startGroup();
        if (!items.isEmpty()) {
            out.startField(Field.LIST.name(), Field.LIST.index());
            for (E item : items) {
                out.startGroup();
                element.accept(item);
                out.endGroup();
            }
            out.endField(Field.LIST.name(), Field.LIST.index());
        }
        out.endGroup();
        out.endField(field.name(), field.index());
    }
}
