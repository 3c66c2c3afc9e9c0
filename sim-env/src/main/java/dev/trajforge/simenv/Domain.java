package dev.trajforge.simenv;

/** A simulated domain (retail, airline, ...): its policy and how to build a seeded world. */
public interface Domain {
    String name();

    /** The agent-facing policy ({@code policy.md}); its hash travels with every trajectory. */
    PromptResource policy();

    /**
     * What the scripted agent says in this domain and the little it knows of the domain's arguments
     * (a JSON phrase file, see {@link dev.trajforge.simenv.agent.AgentPhrases}); its hash travels with
     * every trajectory the scripted agent makes.
     */
    PromptResource agentPhrases();

    /**
     * Which words in an agent's message ask the scripted user for which fact in this domain (a JSON
     * file, see {@link dev.trajforge.simenv.user.UserTopics}); its hash travels with the data.
     */
    PromptResource userTopics();

    /** Builds the world for a seed. Expensive: build once per run and share. */
    World world(long seed);

    /** Where the domain came from (built in, a user's pack, imported, synthesized), as rows and cards say. */
    default DomainOrigin origin() {
        return DomainOrigin.BUILTIN;
    }

    /** Where the domain comes from, for listings: {@code java: <class>} or {@code pack: <path>}. */
    default String source() {
        return "java: " + getClass().getName();
    }
}
