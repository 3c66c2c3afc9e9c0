package dev.trajforge.simenv;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The domains this build can see, by name, discovered through {@link DomainProvider}s on the class path. */
public final class Domains {
    private Domains() {
    }

    public static Optional<Domain> byName(String name) {
        return Optional.ofNullable(discover().get(name));
    }

    public static Set<String> names() {
        return discover().keySet();
    }

    /** Every visible domain by name; two providers offering one name is an error naming both. */
    public static Map<String, Domain> discover() {
        Map<String, Domain> found = new TreeMap<>();
        for (DomainProvider provider : ServiceLoader.load(DomainProvider.class, Domains.class.getClassLoader())) {
            for (Domain domain : provider.domains()) {
                Domain clash = found.putIfAbsent(domain.name(), domain);
                if (clash != null) {
                    throw new IllegalStateException("two domains named '" + domain.name() + "': " + clash.source() + " and " + domain.source());
                }
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
