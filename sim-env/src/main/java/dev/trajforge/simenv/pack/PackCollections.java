package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.state.EntitySchemas;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The collections of a pack's state: per collection its key field and how new ids look, plus their JSON Schemas. */
record PackCollections(SortedMap<String, Collection> byName, EntitySchemas schemas) {
    record Collection(String name, String keyField, NewIds newIds) {
        Collection {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keyField, "key field");
        }
    }

    PackCollections {
        byName = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byName));
        Objects.requireNonNull(schemas, "schemas");
        if (!schemas.collections().equals(byName.keySet())) {
            throw new IllegalArgumentException("schemas " + schemas.collections() + " for collections " + byName.keySet());
        }
    }

    /** Whether {@code value}, an entity's key field, is the key {@code key}: a string equal to it, or an integer written as it. */
    static boolean isKey(com.fasterxml.jackson.databind.JsonNode value, String key) {
        return (value.isTextual() || value.isIntegralNumber()) && value.asText().equals(key);
    }

    /** The key an entity's key field gives (a non-empty string, or an integer as decimal text), or null when it has none. */
    static String keyOf(Object value) {
        if (value instanceof String text) return text.isEmpty() ? null : text;
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) return value.toString();
        return null;
    }

    Collection get(String name) {
        Collection collection = byName.get(name);
        if (collection == null) throw new PackEvaluationException("no collection '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
        return collection;
    }

    /**
     * How the ids of new entities look: {@code prefix}, a counter zero-padded to {@code digits}, {@code suffix};
     * from a format such as {@code "R{seq:6}"}.
     */
    record NewIds(String prefix, int digits, String suffix) {
        private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("([^{}]*)\\{seq:([1-9][0-9]?)\\}([^{}]*)");

        static NewIds parse(String format) {
            var m = FORMAT.matcher(format);
            if (!m.matches()) throw new IllegalArgumentException("must look like \"R{seq:6}\" (prefix, {seq:DIGITS}, suffix), got \"" + format + "\"");
            return new NewIds(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        }

        String format(long sequence) {
            return prefix + String.format(java.util.Locale.ROOT, "%0" + digits + "d", sequence) + suffix;
        }
    }

    static PackCollections of(Map<String, Collection> byName, EntitySchemas schemas) {
        return new PackCollections(new TreeMap<>(byName), schemas);
    }
}
