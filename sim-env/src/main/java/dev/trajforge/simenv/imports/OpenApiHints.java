package dev.trajforge.simenv.imports;

import java.util.List;

/**
 * What an imported operation does to the world, from its method, path and parameters: an operation on
 * {@code /pet/{petId}} reads, updates or deletes the pet its path names; a GET that answers a list of entities
 * lists them (searches them, when it takes query parameters); a POST of an entity creates one (a list of them
 * creates each); a PUT or PATCH of an entity carrying its key updates it. Anything else is {@code other}.
 */
final class OpenApiHints {
    /** An entity collection an importer found: its entity name, collection name and key field. */
    record Found(String entity, String collection, String key) {
    }

    private OpenApiHints() {
    }

    static DraftTool.Simulation of(OpenApiOperation operation, List<Found> collections) {
        Found found = collectionOf(operation, collections);
        if (found == null) return DraftTool.Simulation.other();
        String addressed = operation.addressedBy();
        boolean hasKeyArgument = operation.parameters().path("properties").has(found.key());
        boolean outputIsEntity = found.entity().equals(operation.outputSchema()) && !operation.outputIsList();
        boolean bodyIsEntity = found.entity().equals(operation.bodySchema());
        if (operation.reads()) {
            if (found.entity().equals(operation.outputSchema()) && operation.outputIsList()) {
                return simulation(found, operation.queryParameters().isEmpty() ? DraftTool.Action.LIST : DraftTool.Action.SEARCH, null, null);
            }
            if (addressed != null && (outputIsEntity || operation.output() == null)) return simulation(found, DraftTool.Action.READ, addressed, null);
            if (outputIsEntity && hasKeyArgument) return simulation(found, DraftTool.Action.READ, found.key(), null);
            return simulation(found, DraftTool.Action.OTHER, null, null);
        }
        return switch (operation.method()) {
            case "delete" -> addressed != null ? simulation(found, DraftTool.Action.DELETE, addressed, null) : simulation(found, DraftTool.Action.OTHER, null, null);
            case "put", "patch" -> addressed != null ? simulation(found, DraftTool.Action.UPDATE, addressed, null)
                    : bodyIsEntity && !operation.bodyIsList() && hasKeyArgument ? simulation(found, DraftTool.Action.UPDATE, found.key(), null)
                    : simulation(found, DraftTool.Action.OTHER, null, null);
            case "post" -> addressed != null && operation.bodyArgument() == null ? simulation(found, DraftTool.Action.UPDATE, addressed, null)
                    : bodyIsEntity && operation.bodyIsList() && operation.bodyArgument() != null
                    ? simulation(found, DraftTool.Action.CREATE, null, operation.bodyArgument())
                    : bodyIsEntity && !operation.bodyIsList() ? simulation(found, DraftTool.Action.CREATE, hasKeyArgument ? found.key() : null, null)
                    : simulation(found, DraftTool.Action.OTHER, null, null);
            default -> simulation(found, DraftTool.Action.OTHER, null, null);
        };
    }

    private static DraftTool.Simulation simulation(Found found, DraftTool.Action action, String key, String items) {
        return new DraftTool.Simulation(found.collection(), action, key, items);
    }

    /** The collection of the operation's answer or body, else the one its path names (the last word first). */
    static Found collectionOf(OpenApiOperation operation, List<Found> collections) {
        for (Found found : collections) {
            if (found.entity().equals(operation.outputSchema()) || found.entity().equals(operation.bodySchema())) return found;
        }
        for (String noun : operation.nouns()) {
            for (Found found : collections) if (EntityKeys.names(noun, found.entity(), found.collection())) return found;
        }
        return null;
    }
}
