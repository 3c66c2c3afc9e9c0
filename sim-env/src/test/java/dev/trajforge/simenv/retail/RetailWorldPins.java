package dev.trajforge.simenv.retail;

/** Pinned outputs of the seeded generators (see RetailWorldTest). */
final class RetailWorldPins {
    static final String SEED_7_STATE_HASH = "619cd3dfd77d4e2bced2e1804a1b3f3d54d4ddcb062fc873937b1515b4410682";
    static final String SEED_7_TASK_999_ID_AND_INTENTS = "retail-7-00999 [exchange, info_product]";

    private RetailWorldPins() {
    }
}
