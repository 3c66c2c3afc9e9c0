package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.DomainProvider;

import java.util.List;

/** Makes the retail domain known to {@link dev.trajforge.simenv.Domains}. */
public final class RetailDomainProvider implements DomainProvider {
    @Override
    public List<Domain> domains() {
        return List.of(new RetailDomain());
    }
}
