package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.Toolkit;

/**
 * Customer service for an online store (tau-bench style): users, products with variants, orders,
 * and the tools to look them up, cancel, modify, return and exchange.
 */
public final class RetailDomain implements Domain {
    /** Users in a world; with 1-4 orders each that is ~1,500 orders and enough distinct tasks for large runs. */
    static final int USERS = 600;
    private static final PromptResource POLICY = PromptResource.load(RetailDomain.class, "policy.md");
    private static final PromptResource AGENT_PHRASES = PromptResource.load(RetailDomain.class, "agent-phrases.json");
    private static final PromptResource USER_TOPICS = PromptResource.load(RetailDomain.class, "user-topics.json");

    private final Toolkit<RetailTools> toolkit = new Toolkit<>(RetailTools.class);

    @Override
    public String name() {
        return "retail";
    }

    @Override
    public PromptResource policy() {
        return POLICY;
    }

    @Override
    public PromptResource agentPhrases() {
        return AGENT_PHRASES;
    }

    @Override
    public PromptResource userTopics() {
        return USER_TOPICS;
    }

    @Override
    public World world(long seed) {
        return new RetailWorld(this, seed, USERS, toolkit);
    }
}
