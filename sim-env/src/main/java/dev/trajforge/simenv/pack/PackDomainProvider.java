package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.DomainProvider;

import java.util.List;

/** Offers the packs on the class path ({@code domains/<name>/}) to {@link dev.trajforge.simenv.Domains}; loaded once. */
public final class PackDomainProvider implements DomainProvider {
    private static volatile List<Domain> loaded;

    @Override
    public List<Domain> domains() {
        List<Domain> domains = loaded;
        if (domains == null) {
            synchronized (PackDomainProvider.class) {
                if (loaded == null) loaded = List.copyOf(DomainPacks.onClassPath(PackDomainProvider.class.getClassLoader()));
                domains = loaded;
            }
        }
        return domains;
    }
}
