package dev.trajforge.simenv.pack;

import java.util.List;

/** What expressions may read of a state: one entity, or a whole collection in key order. */
interface StateReader {
    /** The entity, or null. */
    Object get(String collection, String key);

    /** Every entity of the collection in key order; an unknown collection is an error naming it. */
    List<Object> all(String collection);
}
