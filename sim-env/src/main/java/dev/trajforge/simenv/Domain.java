package dev.trajforge.simenv;

/** A simulated domain (retail, airline, ...): its policy and how to build a seeded world. */
public interface Domain {
    String name();

    /** The agent-facing policy ({@code policy.md}); its hash travels with every trajectory. */
    PromptResource policy();

    /** Builds the world for a seed. Expensive: build once per run and share. */
    World world(long seed);

    /** Where the domain comes from, for listings: {@code java: <class>} or {@code pack: <path>}. */
    default String source() {
        return "java: " + getClass().getName();
    }
}
