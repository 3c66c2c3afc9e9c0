package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.World;

import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetailDiscoveryTest {
    @Test
    void should_discover_the_retail_domain_through_its_provider_on_the_class_path() {
        assertTrue(Domains.names().contains("retail"));
        assertEquals("java: dev.trajforge.simenv.retail.RetailDomain", Domains.byName("retail").orElseThrow().source());
    }

    @Test
    void should_derive_write_and_handoff_tools_from_the_kinds_of_the_tool_definitions() {
        World world = Domains.byName("retail").orElseThrow().world(3);
        for (ToolDef tool : world.tools()) {
            assertEquals(ToolSide.AGENT, tool.side(), tool.name());
            assertEquals("object", tool.parameters().path("type").asText(), tool.name());
            assertEquals(tool.kind() == ToolKind.WRITE, world.writeTools().contains(tool.name()), tool.name());
        }
        assertEquals(7, world.writeTools().size());
        assertEquals(Set.of("transfer_to_human_agents"), world.handoffTools());
    }
}
