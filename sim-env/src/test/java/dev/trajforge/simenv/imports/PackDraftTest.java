package dev.trajforge.simenv.imports;

import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackDraftTest {
    @Test
    void should_reject_seed_entities_with_a_duplicate_or_missing_key() {
        var twice = NotesDraft.object("{\"note_id\": \"N1\", \"title\": \"a\"}");
        var e = assertThrows(IllegalArgumentException.class, () -> NotesDraft.notes().withSeed(List.of(twice, twice)));
        assertTrue(e.getMessage().contains("two seed entities with key N1"), e.getMessage());
        var keyless = NotesDraft.object("{\"title\": \"a\"}");
        assertThrows(IllegalArgumentException.class, () -> NotesDraft.notes().withSeed(List.of(keyless)));
    }

    @Test
    void should_reject_a_step_with_an_argument_the_tool_does_not_have() {
        DraftIntent intent = new DraftIntent("x", 1, Map.of(), null, "do it", Map.of(),
                List.of(DraftIntent.Step.of("get_note", Map.of("nope", DraftIntent.Argument.expression("1")), null)), List.of(), List.of(), List.of(),
                Set.of(RewardBasis.ACTIONS), null);
        var e = assertThrows(IllegalArgumentException.class, () -> new PackDraft("notes", "d", new PackDraft.Origin(PackDraft.Origin.Kind.PACK, ""),
                "p", "2024-01-01T00:00:00Z", true, List.of(NotesDraft.notes()), List.of(NotesDraft.getNote()), PackDraft.TaskSetup.singleUser("A"),
                List.of(intent), Set.of()));
        assertTrue(e.getMessage().contains("tool get_note has no parameter 'nope'"), e.getMessage());
    }

    @Test
    void should_reject_a_tool_simulating_an_unknown_collection_or_a_read_that_writes() {
        var params = NotesDraft.object("{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}}}");
        assertThrows(IllegalArgumentException.class, () -> new DraftTool("bad", "", ToolKind.READ, ToolSide.AGENT, params, null,
                new DraftTool.Simulation("notes", DraftTool.Action.DELETE, "id", null)));
        DraftTool elsewhere = new DraftTool("t", "", ToolKind.READ, ToolSide.AGENT, params, null, new DraftTool.Simulation("pets", DraftTool.Action.READ, "id", null));
        var e = assertThrows(IllegalArgumentException.class, () -> new PackDraft("notes", "d", new PackDraft.Origin(PackDraft.Origin.Kind.PACK, ""),
                "p", "2024-01-01T00:00:00Z", true, List.of(NotesDraft.notes()), List.of(elsewhere), PackDraft.TaskSetup.singleUser("A"),
                List.of(NotesDraft.readIntent()), Set.of()));
        assertTrue(e.getMessage().contains("simulates collection 'pets'"), e.getMessage());
    }

    @Test
    void should_reject_an_intent_a_do_nothing_agent_would_pass() {
        assertThrows(IllegalArgumentException.class, () -> new DraftIntent("x", 1, Map.of(), null, "hi", Map.of(), List.of(), List.of(), List.of(),
                List.of(), Set.of(RewardBasis.FACTS), null));
    }
}
