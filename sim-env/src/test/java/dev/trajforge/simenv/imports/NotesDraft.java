package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small hand-made draft: notes with a string key, one read and one write tool, one intent each. */
final class NotesDraft {
    private NotesDraft() {
    }

    static JsonNode json(String text) {
        return CanonicalJson.parseOrNull(text);
    }

    static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    static DraftCollection notes() {
        return new DraftCollection("notes", "note_id", object("""
                {"type": "object", "required": ["note_id", "title"], "properties": {
                  "note_id": {"type": "string"}, "title": {"type": "string"}, "pinned": {"type": "boolean"}}}"""),
                "N{seq:3}", List.of(object("{\"note_id\": \"N001\", \"title\": \"Groceries\", \"pinned\": false}"),
                object("{\"note_id\": \"N002\", \"title\": \"Yes\", \"pinned\": true}")));
    }

    static DraftTool getNote() {
        return new DraftTool("get_note", "Get a note by id.", ToolKind.READ, ToolSide.AGENT,
                object("{\"type\": \"object\", \"properties\": {\"note_id\": {\"type\": \"string\"}}, \"required\": [\"note_id\"]}"),
                object("{\"$ref\": \"#/$defs/Note\", \"$defs\": {\"Note\": {\"type\": \"object\"}}}"),
                new DraftTool.Simulation("notes", DraftTool.Action.READ, "note_id", null));
    }

    static DraftTool renameNote() {
        return new DraftTool("renameNote", "Rename a note.", ToolKind.WRITE, ToolSide.AGENT,
                object("{\"type\": \"object\", \"properties\": {\"note_id\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"},"
                        + " \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}, \"required\": [\"note_id\", \"title\"]}"),
                null, new DraftTool.Simulation("notes", DraftTool.Action.UPDATE, "note_id", null));
    }

    static DraftIntent readIntent() {
        return new DraftIntent("get_note", 1, Map.of("note", "$pick($all('notes'))"), null, "tell me the title of note {{$note.note_id}}",
                Map.of(), List.of(DraftIntent.Step.of("get_note", Map.of("note_id", DraftIntent.Argument.expression("$note.note_id")), "found")),
                List.of("$found.title"), List.of(), List.of(new Criterion("outcome", "The agent said the title of {{$note.note_id}}.", 1)),
                Set.of(RewardBasis.FACTS), null);
    }

    static DraftIntent renameIntent() {
        Map<String, DraftIntent.Argument> args = new LinkedHashMap<>();
        args.put("note_id", DraftIntent.Argument.expression("$note.note_id"));
        args.put("title", DraftIntent.Argument.value(json("\"It's done\"")));
        args.put("tags", DraftIntent.Argument.value(json("[\"home\", \"yes\"]")));
        return new DraftIntent("rename_note", 2, Map.of("note", "$pick($all('notes'))"), null, "rename note {{$note.note_id}}",
                Map.of("title", "The new title is: It's done"), List.of(DraftIntent.Step.of("renameNote", args, null)), List.of(),
                List.of(new DraftIntent.Assertion("notes", "$note.note_id", "title = \"It's done\"", "renamed")), List.of(),
                Set.of(RewardBasis.STATE, RewardBasis.ASSERTIONS, RewardBasis.CONFIRMATION), "Note {note_id} is now called {title}.");
    }

    static PackDraft draft() {
        return new PackDraft("notes", "A notebook.", new PackDraft.Origin(PackDraft.Origin.Kind.SYNTHESIZED, "test"), "# Policy\nConfirm writes.",
                "2024-06-03T12:00:00Z", true, List.of(notes()), List.of(getNote(), renameNote()), PackDraft.TaskSetup.singleUser("Alex O'Neil"),
                List.of(readIntent(), renameIntent()), Set.of());
    }
}
