package dev.trajforge.simenv;

import dev.trajforge.simenv.retail.RetailDomain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The domains this build knows, by name. */
public final class Domains {
    private static final Map<String, Supplier<Domain>> KNOWN = new TreeMap<>(Map.of("retail", RetailDomain::new));

    private Domains() {
    }

    public static Optional<Domain> byName(String name) {
        Supplier<Domain> factory = KNOWN.get(name);
        return factory == null ? Optional.empty() : Optional.of(factory.get());
    }

    public static Set<String> names() {
        return KNOWN.keySet();
    }
}
