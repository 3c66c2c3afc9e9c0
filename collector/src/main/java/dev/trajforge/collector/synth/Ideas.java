package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the synthesizer proposed at each stage, as records read from answers that met their stage's schema. */
final class Ideas {
    static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    static final Set<String> READ_ACTIONS = Set.of("read", "list", "search");
    static final Set<String> KEYED_ACTIONS = Set.of("read", "update", "delete");
    static final Set<String> ENTITY_RESULT_ACTIONS = Set.of("read", "update", "create");

    private Ideas() {
    }

    /** The {@code field} list of an answer, each element read as a {@code type}. */
    static <T> List<T> list(JsonNode answer, String field, Class<T> type) {
        return JSON.convertValue(answer.path(field), JSON.getTypeFactory().constructCollectionType(List.class, type));
    }

    /** A name and what it stands for: a category, a domain or a tool, as near-duplicate removal sees it. */
    interface Named {
        String name();

        String description();
    }

    record Category(String name, String description) implements Named {
        Category {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
        }
    }

    record DomainIdea(String name, String description, String category) implements Named {
        DomainIdea {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(category, "category");
        }

        /** A domain as the model proposes it, before it is filed under its category. */
        record Proposed(String name, String description) {
        }
    }

    record Simulation(String collection, String action, String key) {
        Simulation {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(action, "action");
        }
    }

    record ToolIdea(String name, String kind, String description, ObjectNode parameters, ObjectNode output, Simulation simulation)
            implements Named {
        ToolIdea {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(simulation, "simulation");
        }

        boolean reads() {
            return "read".equals(kind);
        }
    }

    record CollectionIdea(String name, String key, ObjectNode schema, List<ObjectNode> entities) {
        CollectionIdea {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(schema, "schema");
            entities = List.copyOf(entities);
        }
    }

    record Step(String tool, ObjectNode args) {
        Step {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(args, "args");
        }
    }

    record Fact(int step, String field) {
        Fact {
            if (step < 0) throw new IllegalArgumentException("step: must be >= 0, got " + step);
            Objects.requireNonNull(field, "field");
        }
    }

    record Criterion(String name, String text) {
        Criterion {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    record TaskIdea(String name, String ask, Map<String, String> details, List<Step> steps, List<Fact> facts, List<Criterion> rubric) {
        TaskIdea {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ask, "ask");
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
            steps = List.copyOf(steps);
            facts = facts == null ? List.of() : List.copyOf(facts);
            rubric = rubric == null ? List.of() : List.copyOf(rubric);
        }
    }
}
