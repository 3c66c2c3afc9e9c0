package dev.trajforge.simenv.retail;

/** Pinned outputs of the seeded generators (see RetailWorldTest). */
final class RetailWorldPins {
    static final String SEED_7_STATE_HASH = "13858bde32c541766c5a44b407f413ef1a7af2026c227895f342cae1d176994d";
    static final String SEED_7_TASK_999_ID_AND_INTENTS = "retail-7-00999 [exchange, modify_address]";

    private RetailWorldPins() {
    }
}
