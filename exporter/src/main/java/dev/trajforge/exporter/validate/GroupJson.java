package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet row read as parquet-java's example {@link Group}, seen as JSON the way pyarrow and
 * {@code datasets} see it: 3-level LIST groups become arrays, other groups objects, absent optional
 * values {@code null}, strings text.
 */
final class GroupJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GroupJson() {
    }

    static ObjectNode row(Group group) {
        return object(group, group.getType());
    }

    private static ObjectNode object(Group group, GroupType type) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type field = type.getType(i);
            int count = group.getFieldRepetitionCount(i);
            if (field.isRepetition(Type.Repetition.REPEATED)) {
                ArrayNode values = node.putArray(field.getName());
                for (int r = 0; r < count; r++) {
                    values.add(value(group, i, r, field));
                }
            } else {
                node.set(field.getName(), count == 0 ? NODES.nullNode() : value(group, i, 0, field));
            }
        }
        return node;
    }

    private static JsonNode value(Group group, int field, int index, Type type) {
        if (type.isPrimitive()) {
            return primitive(group, field, index, type.asPrimitiveType());
        }
        Group child = group.getGroup(field, index);
        GroupType childType = type.asGroupType();
        if (isList(childType)) {
            ArrayNode items = NODES.arrayNode();
            GroupType repeated = childType.getType(0).asGroupType();
            Type element = repeated.getType(0);
            for (int r = 0; r < child.getFieldRepetitionCount(0); r++) {
                Group entry = child.getGroup(0, r);
                items.add(entry.getFieldRepetitionCount(0) == 0 ? NODES.nullNode() : value(entry, 0, 0, element));
            }
            return items;
        }
        return object(child, childType);
    }

    /** {@code <name> (LIST) { repeated group <x> { <one element> } }}, the standard 3-level list. */
    static boolean isList(GroupType type) {
        return LogicalTypeAnnotation.listType().equals(type.getLogicalTypeAnnotation())
                && type.getFieldCount() == 1
                && type.getType(0).isRepetition(Type.Repetition.REPEATED)
                && !type.getType(0).isPrimitive()
                && type.getType(0).asGroupType().getFieldCount() == 1;
    }

    private static JsonNode primitive(Group group, int field, int index, PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> LogicalTypeAnnotation.stringType().equals(type.getLogicalTypeAnnotation())
                    ? NODES.textNode(group.getString(field, index))
                    : NODES.binaryNode(group.getBinary(field, index).getBytes());
            case INT32 -> NODES.numberNode(group.getInteger(field, index));
            case INT64 -> NODES.numberNode(group.getLong(field, index));
            case DOUBLE -> NODES.numberNode(group.getDouble(field, index));
            case FLOAT -> NODES.numberNode(group.getFloat(field, index));
            case BOOLEAN -> NODES.booleanNode(group.getBoolean(field, index));
            case INT96 -> NODES.binaryNode(group.getInt96(field, index).getBytes());
        };
    }
}
