package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * The id format of an imported collection's new entities: needed when its key is a string and a create tool does not
 * take the key as an argument; {@code PET{seq:4}} for {@code pets}. None for an integer key (the next number) or a key
 * whose schema asks for a format or pattern an invented id would not meet.
 */
final class NewIds {
    private NewIds() {
    }

    static String of(DraftCollection collection, List<DraftTool> tools) {
        JsonNode key = collection.schema().path("properties").path(collection.key());
        if (!"string".equals(SchemaValues.type(key)) || key.has("format") || key.has("pattern") || key.has("enum")) return null;
        boolean needed = tools.stream().anyMatch(tool -> tool.simulation().action() == DraftTool.Action.CREATE
                && collection.name().equals(tool.simulation().collection()) && tool.simulation().key() == null && tool.simulation().items() == null);
        if (!needed) return null;
        String letters = collection.name().replaceAll("[^a-z]", "").toUpperCase(Locale.ROOT);
        return (letters.length() > 3 ? letters.substring(0, 3) : letters) + "{seq:4}";
    }
}
