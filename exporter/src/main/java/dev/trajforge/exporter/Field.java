package dev.trajforge.exporter;

import org.apache.parquet.schema.GroupType;

import java.util.Objects;

/**
 * A field of a Parquet group as parquet-java's {@code RecordConsumer} wants it: its name and its index
 * in the group. Looked up once, when a write support class is loaded, so a misspelt name fails then.
 */
record Field(String name, int index) {
    /** The repeated group of a 3-level list: {@code <name> (LIST) { repeated group list { element } }}. */
    static final Field LIST = new Field(TrajectorySchema.LIST, 0);
    /** The element of a 3-level list. */
    static final Field ELEMENT = new Field(TrajectorySchema.ELEMENT, 0);

    Field {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field name is blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("field " + name + ": index must be >= 0, got " + index);
        }
    }

    /** The field {@code name} of {@code group}; throws if the group has no such field. */
    static Field of(GroupType group, String name) {
        return new Field(name, group.getFieldIndex(name));
    }
}
