package dev.trajforge.simenv;

import java.util.List;

/**
 * How a domain makes itself known: implementations are found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.trajforge.simenv.DomainProvider}), so adding a Java domain
 * touches nothing outside its own folder and that one line.
 */
public interface DomainProvider {
    List<Domain> domains();
}
