package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.World;

/** A domain declared by a pack: everything comes from the pack's files. */
final class PackDomain implements Domain {
    private final PackDefinition pack;

    PackDomain(PackDefinition pack) {
        this.pack = pack;
    }

    @Override
    public String name() {
        return pack.name();
    }

    @Override
    public PromptResource policy() {
        return pack.policy();
    }

    @Override
    public PromptResource agentPhrases() {
        return pack.agentPhrases();
    }

    @Override
    public PromptResource userTopics() {
        return pack.userTopics();
    }

    /** Builds the world; a seed program that fails for this seed is a {@link PackException} naming the step. */
    @Override
    public World world(long seed) {
        return new PackWorld(this, pack, seed);
    }

    @Override
    public dev.trajforge.simenv.DomainOrigin origin() {
        return pack.origin();
    }

    @Override
    public String source() {
        return "pack: " + pack.location();
    }

    PackDefinition definition() {
        return pack;
    }
}
