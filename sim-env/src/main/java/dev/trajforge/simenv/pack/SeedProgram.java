package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.Seeds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The initial state of a pack world, from {@code seed.yaml}: value pools and steps run in order,
 * each {@code generate}-ing a collection ({@code count} entities from one expression, or a JSON file
 * of the pack) or {@code update}-ing every entity of one. Seeded per (world seed, step, entity), so a
 * seed always builds the same state; every entity is checked against its collection's schema.
 */
final class SeedProgram {
    sealed interface Step permits Generate, Load, Update {
        String collection();

        PackNode where();
    }

    record Generate(String collection, int count, PackExpression entity, PackNode where) implements Step {
    }

    record Load(String collection, JsonNode entities, PackNode where) implements Step {
    }

    record Update(String collection, Map<String, PackExpression> let, PackExpression entity, PackNode where) implements Step {
    }

    private final String domain;
    private final Object pools;
    private final List<Step> steps;

    SeedProgram(String domain, Object pools, List<Step> steps) {
        this.domain = domain;
        this.pools = pools;
        this.steps = List.copyOf(steps);
    }

    /**
     * Builds the entities for {@code seed}; a step that fails or makes an invalid entity is a problem
     * naming the step. A {@code generate} step's entities see the collections earlier steps built (not
     * the one being generated), so they are made in parallel.
     */
    Map<String, SortedMap<String, Object>> build(long seed, PackCollections collections, Instant clock, PackProblems problems) {
        Building state = new Building(collections);
        for (int s = 0; s < steps.size() && problems.isEmpty(); s++) {
            Step step = steps.get(s);
            if (!collections.byName().containsKey(step.collection())) {
                problems.add(step.where().problem("no collection '" + step.collection() + "' in domain.yaml"));
                continue;
            }
            try {
                switch (step) {
                    case Generate g -> {
                        Map<String, Object> shared = variables(state, clock, seed, s, -1);
                        int stepIndex = s;
                        // entities of one step are independent (they read what earlier steps built): made on all cores, kept in order
                        List<Object> made = java.util.stream.IntStream.range(0, g.count()).parallel().mapToObj(i -> {
                            Map<String, Object> variables = new HashMap<>(shared);
                            new SeedFunctions().seed(Seeds.random(seed, domain, "seed", Integer.toString(stepIndex), Integer.toString(i))).bindInto(variables);
                            variables.put("i", (long) i);
                            try {
                                return g.entity().evaluate(null, variables);
                            } catch (PackEvaluationException e) {
                                return e;
                            }
                        }).toList();
                        for (int i = 0; i < made.size() && problems.isEmpty(); i++) {
                            if (made.get(i) instanceof PackEvaluationException e) throw e;
                            state.put(g.collection(), made.get(i), g.where(), problems);
                        }
                    }
                    case Load l -> {
                        for (JsonNode entity : l.entities()) state.put(l.collection(), PackValues.fromNode(entity), l.where(), problems);
                    }
                    case Update u -> {
                        Map<String, Object> shared = variables(state, clock, seed, s, -1);
                        SeedFunctions perEntity = new SeedFunctions();
                        for (Map.Entry<String, PackExpression> named : u.let().entrySet()) {
                            shared.put(named.getKey(), named.getValue().evaluate(null, shared));
                        }
                        List<Object> current = state.all(u.collection());
                        for (int i = 0; i < current.size() && problems.isEmpty(); i++) {
                            Map<String, Object> variables = new HashMap<>(shared);
                            perEntity.seed(Seeds.random(seed, domain, "seed", Integer.toString(s), Integer.toString(i))).bindInto(variables);
                            variables.put("i", (long) i);
                            state.replace(u.collection(), u.entity().evaluate(current.get(i), variables), u.where(), problems);
                        }
                    }
                }
            } catch (PackEvaluationException e) {
                problems.add(e.at(step.where()).problem());
            }
        }
        return state.entities;
    }

    private Map<String, Object> variables(Building state, Instant clock, long seed, int step, int entity) {
        Map<String, Object> variables = new HashMap<>(StateFunctions.bindings(state, clock, null, null));
        new SeedFunctions().seed(Seeds.random(seed, domain, "seed", Integer.toString(step), Integer.toString(entity))).bindInto(variables);
        variables.put("pools", pools);
        return variables;
    }

    /** The collections as they are being built, readable by the steps that follow. */
    private static final class Building implements StateReader {
        private final PackCollections collections;
        private final Map<String, SortedMap<String, Object>> entities = new TreeMap<>();
        private final Map<String, List<Object>> lists = new java.util.concurrent.ConcurrentHashMap<>(); // read by parallel entities

        Building(PackCollections collections) {
            this.collections = collections;
            collections.byName().keySet().forEach(name -> entities.put(name, new TreeMap<>()));
        }

        @Override
        public Object get(String collection, String key) {
            return key == null ? null : table(collection).get(key);
        }

        @Override
        public List<Object> all(String collection) {
            return lists.computeIfAbsent(collection, c -> List.copyOf(table(c).values()));
        }

        void put(String collection, Object entity, PackNode where, PackProblems problems) {
            String key = checked(collection, entity, where, problems);
            if (key == null) return;
            if (table(collection).containsKey(key)) {
                problems.add(where.problem(collection + "/" + key + ": the generator made this key twice (keys must be unique)"));
                return;
            }
            table(collection).put(key, entity);
            lists.remove(collection);
        }

        void replace(String collection, Object entity, PackNode where, PackProblems problems) {
            String key = checked(collection, entity, where, problems);
            if (key == null) return;
            if (!table(collection).containsKey(key)) {
                problems.add(where.problem(collection + "/" + key + ": an update may not change an entity's key"));
                return;
            }
            table(collection).put(key, entity);
            lists.remove(collection);
        }

        private String checked(String collection, Object entity, PackNode where, PackProblems problems) {
            if (!(entity instanceof Map<?, ?> map)) {
                problems.add(where.problem("the entity expression must make an object, got " + (entity == null ? "nothing" : PackValues.text(entity))));
                return null;
            }
            String keyField = collections.get(collection).keyField();
            String key = PackCollections.keyOf(map.get(keyField));
            if (key == null) {
                problems.add(where.problem(collection + ": the entity has no key field '" + keyField + "' (a string or an integer): " + abbreviate(PackValues.text(entity))));
                return null;
            }
            List<String> broken = collections.schemas().problems(collection, key, PackValues.toNode(entity));
            if (!broken.isEmpty()) {
                problems.add(where.problem("the generated entity breaks its schema: " + String.join("; ", broken.subList(0, Math.min(3, broken.size())))));
                return null;
            }
            return key;
        }

        private SortedMap<String, Object> table(String collection) {
            SortedMap<String, Object> table = entities.get(collection);
            if (table == null) throw new PackEvaluationException("no collection '" + collection + "' (known: " + String.join(", ", entities.keySet()) + ")");
            return table;
        }

        private static String abbreviate(String text) {
            return text.length() <= 160 ? text : text.substring(0, 157) + "...";
        }
    }
}
