package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refused call makes nothing, so it uses up no id: an agent that retries after a refusal creates the entity under
 * the id the gold plan gave it, and its final state can equal the gold one.
 */
class IssuedIdsTest {
    @Test
    void should_give_the_next_successful_call_the_id_it_would_have_had_without_the_refused_one() {
        World world = Domains.byName("workspace").orElseThrow().world(7);
        String owner = world.tasks(50).stream().flatMap(t -> t.goldActions().stream())
                .map(call -> CanonicalJson.parseObjectOrNull(call.argumentsJson()).path("owner").asText(""))
                .filter(email -> !email.isEmpty()).findFirst().orElseThrow();
        ToolCall refused = new ToolCall("c1", "add_contact", "{\"owner\":\"" + owner + "\",\"name\":\"   \",\"email\":\"new.person@example.org\"}");
        ToolCall added = new ToolCall("c2", "add_contact", "{\"owner\":\"" + owner + "\",\"name\":\"New Person\",\"email\":\"new.person@example.org\"}");

        Environment retried = world.newEnvironment();
        ToolResult refusal = retried.execute(refused);
        String afterRefusal = id(retried.execute(added));
        Environment direct = world.newEnvironment();
        String firstTime = id(direct.execute(added));

        assertTrue(refusal.error() && refusal.content().contains("needs a name"), refusal.content());
        assertEquals(firstTime, afterRefusal);
        assertEquals(direct.stateHash(), retried.stateHash(), "the same state, whatever was refused on the way");
    }

    private static String id(ToolResult result) {
        assertFalse(result.error(), result.content());
        return CanonicalJson.parseObjectOrNull(result.content()).path("contact_id").asText();
    }
}
