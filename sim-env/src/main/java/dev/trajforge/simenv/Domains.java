package dev.trajforge.simenv;

import dev.trajforge.simenv.pack.DomainPacks;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The domains this build can see, by name: Java domains and class path packs, discovered through
 * {@link DomainProvider}s, plus the packs in the folders a configuration names ({@code domainPaths}).
 */
public final class Domains {
    private Domains() {
    }

    public static Optional<Domain> byName(String name) {
        return Optional.ofNullable(discover().get(name));
    }

    public static Optional<Domain> byName(String name, List<Path> domainPaths) {
        return Optional.ofNullable(discover(domainPaths).get(name));
    }

    public static Set<String> names() {
        return discover().keySet();
    }

    /** Every visible domain by name; two providers offering one name is an error naming both. */
    public static Map<String, Domain> discover() {
        return discover(List.of());
    }

    /**
     * As {@link #discover()}, plus the packs under each of {@code domainPaths} (a pack folder, or a
     * folder of packs); a pack with problems is a {@link dev.trajforge.simenv.pack.PackException}.
     */
    public static Map<String, Domain> discover(List<Path> domainPaths) {
        Map<String, Domain> found = new TreeMap<>();
        for (DomainProvider provider : ServiceLoader.load(DomainProvider.class, Domains.class.getClassLoader())) {
            for (Domain domain : provider.domains()) add(found, domain);
        }
        for (Path path : domainPaths) {
            for (Domain domain : DomainPacks.loadAll(path)) add(found, domain);
        }
        return Collections.unmodifiableMap(found);
    }

    private static void add(Map<String, Domain> found, Domain domain) {
        Domain clash = found.putIfAbsent(domain.name(), domain);
        if (clash != null) {
            throw new IllegalStateException("two domains named '" + domain.name() + "': " + clash.source() + " and " + domain.source());
        }
    }
}
