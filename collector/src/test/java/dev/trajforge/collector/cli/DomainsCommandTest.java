package dev.trajforge.collector.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainsCommandTest {
    @Test
    void should_list_each_discovered_domain_with_its_source_tools_by_kind_intents_and_distinct_tasks() {
        CliRun run = CliRun.of("domains", "--probe", "300");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("retail  (java: dev.trajforge.simenv.retail.RetailDomain)"), run.out());
        assertTrue(run.out().contains("tools    15: 7 read, 7 write, 1 handoff"), run.out());
        assertTrue(run.out().contains("intents  11: cancel, cancel_processed, exchange,"), run.out());
        assertTrue(run.out().contains("tasks    at least 300 distinct from seed 0"), run.out());
    }
}
