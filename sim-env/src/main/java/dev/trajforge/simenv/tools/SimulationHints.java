package dev.trajforge.simenv.tools;

import java.util.Locale;
import java.util.Objects;

/**
 * What a simulated tool does, as its pack declares it ({@code simulation:} in tools.yaml): the collection it reads
 * or changes, the kind of action, the argument holding the entity's key (or a list of keys) and, for a create, the
 * argument holding a list of entities. Every simulator sees the hints; the scripted one acts on them.
 *
 * @param collection the collection, or null for a tool tied to none
 * @param action     what the tool does to it
 * @param key        the argument naming the entity (or entities), or null
 * @param items      the argument holding a list of entities to create, or null
 */
public record SimulationHints(String collection, Action action, String key, String items) {
    /** What a simulated tool does to its collection. */
    public enum Action {
        READ, LIST, SEARCH, CREATE, UPDATE, DELETE, OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the action leaves the state as it was. */
        public boolean reads() {
            return this == READ || this == LIST || this == SEARCH;
        }
    }

    public SimulationHints {
        Objects.requireNonNull(action, "action");
        if (collection == null && action != Action.OTHER) throw new IllegalArgumentException("a '" + action.label() + "' tool needs a collection");
        if (items != null && action != Action.CREATE) throw new IllegalArgumentException("items is for a create, not a " + action.label());
    }

    /** The hints of a tool whose pack says nothing: the simulator works out what it does from its definition. */
    public static SimulationHints none() {
        return new SimulationHints(null, Action.OTHER, null, null);
    }
}
