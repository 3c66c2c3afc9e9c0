package dev.trajforge.judge;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.pack.DomainPacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every discovered domain (Java or class path pack), and the test pack of sim-env, keeps the
 * {@link DomainContract} over its first 250 tasks of seed 11.
 */
class DomainContractTest {
    private static final int TASKS = 250;

    static Stream<Domain> domains() {
        List<Domain> domains = new ArrayList<>(Domains.discover().values());
        domains.add(DomainPacks.load(Path.of("../sim-env/src/test/resources/packs/library")));
        domains.add(DomainPacks.load(Path.of("../sim-env/src/test/resources/packs/petshop"))); // every tool simulated
        return domains.stream();
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_keep_every_clause_of_the_domain_contract(Domain domain) {
        List<DomainContract.Clause> clauses = new DomainContract(domain, 11, TASKS).check();
        assertEquals(6, clauses.size());
        List<String> broken = clauses.stream().filter(c -> !c.kept()).map(c -> c.name() + ": " + c.detail()).toList();
        assertTrue(broken.isEmpty(), domain.name() + " breaks the contract:\n" + String.join("\n", broken));
    }
}
