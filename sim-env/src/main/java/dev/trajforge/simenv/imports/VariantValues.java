package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The values an intent draws per task, as a few variants in one slot ({@code $pick([...])}); none when no argument needs one. */
record VariantValues(String slot, List<ObjectNode> variants) {
    VariantValues {
        variants = List.copyOf(variants);
    }

    ObjectNode first() {
        return variants.isEmpty() ? JsonNodeFactory.instance.objectNode() : variants.getFirst();
    }

    void addTo(PlannedIntent intent) {
        if (!variants.isEmpty() && !variants.getFirst().isEmpty()) intent.variants(slot, variants);
    }
}
