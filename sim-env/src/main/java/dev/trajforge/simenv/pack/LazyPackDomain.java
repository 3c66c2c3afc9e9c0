package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.World;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A class path pack known by name until it is used: listing the domains (every CLI start does) reads
 * one small file per pack; the pack is read, checked and compiled on first use, once. A pack with
 * problems fails then, with all of them ({@link PackException}).
 */
final class LazyPackDomain implements Domain {
    private final String name;
    private final String location;
    private final Supplier<PackDomain> loader;
    private volatile PackDomain loaded;

    LazyPackDomain(String name, String location, Path folder) {
        this.name = name;
        this.location = location;
        this.loader = () -> new PackDomain(PackLoader.load(folder, location));
    }

    private PackDomain pack() {
        PackDomain domain = loaded;
        if (domain == null) {
            synchronized (this) {
                if (loaded == null) {
                    PackDomain read = loader.get();
                    if (!read.name().equals(name)) throw new IllegalStateException(location + ": domain.yaml names '" + read.name() + "', listed as '" + name + "'");
                    loaded = read;
                }
                domain = loaded;
            }
        }
        return domain;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PromptResource policy() {
        return pack().policy();
    }

    @Override
    public PromptResource agentPhrases() {
        return pack().agentPhrases();
    }

    @Override
    public PromptResource userTopics() {
        return pack().userTopics();
    }

    @Override
    public World world(long seed) {
        return pack().world(seed);
    }

    @Override
    public dev.trajforge.simenv.DomainOrigin origin() {
        return pack().origin();
    }

    @Override
    public String source() {
        return "pack: " + location;
    }
}
