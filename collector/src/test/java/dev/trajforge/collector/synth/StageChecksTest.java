package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.synth.Ideas.CollectionIdea;
import dev.trajforge.collector.synth.Ideas.TaskIdea;
import dev.trajforge.collector.synth.Ideas.ToolIdea;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the stages refuse in an answer that met its JSON Schema, phrased for the model that is asked again. */
class StageChecksTest {
    private static JsonNode json(String text) throws Exception {
        return Ideas.JSON.readTree(text.replace('\'', '"'));
    }

    private static List<ToolIdea> tools() throws Exception {
        return Ideas.list(json("""
                {'tools': [
                  {'name': 'get_room', 'kind': 'read', 'description': 'Look up a room.',
                   'parameters': {'type': 'object', 'properties': {'room_id': {'type': 'string'}}, 'required': ['room_id']},
                   'simulation': {'collection': 'rooms', 'action': 'read', 'key': 'room_id'}},
                  {'name': 'set_room_state', 'kind': 'write', 'description': 'Set the state of a room.',
                   'parameters': {'type': 'object', 'properties': {'room_id': {'type': 'string'}, 'state': {'enum': ['clean', 'dirty']}},
                                  'required': ['room_id', 'state'], 'additionalProperties': false},
                   'simulation': {'collection': 'rooms', 'action': 'update', 'key': 'room_id'}}]}"""), "tools", ToolIdea.class);
    }

    private static List<CollectionIdea> rooms() throws Exception {
        return Ideas.list(json("""
                {'collections': [{'name': 'rooms', 'key': 'room_id',
                  'schema': {'type': 'object', 'properties': {'room_id': {'type': 'string'}, 'state': {'enum': ['clean', 'dirty']}},
                             'required': ['room_id', 'state']},
                  'entities': [{'room_id': 'R-1', 'state': 'dirty'}, {'room_id': 'R-2', 'state': 'clean'}]}]}"""), "collections", CollectionIdea.class);
    }

    @Test
    void should_accept_tools_whose_kinds_keys_and_schemas_hold_together() throws Exception {
        assertEquals(List.of(), ToolChecks.problems(tools(), 2));
    }

    @Test
    void should_refuse_a_read_tool_that_updates_a_missing_key_parameter_and_a_misspelt_type() throws Exception {
        ObjectNode answer = (ObjectNode) json("""
                {'tools': [{'name': 'get_room', 'kind': 'read', 'description': 'd',
                  'parameters': {'type': 'object', 'properties': {'id': {'type': 'strin'}}},
                  'simulation': {'collection': 'rooms', 'action': 'update', 'key': 'room_id'}}]}""");
        List<String> problems = ToolChecks.problems(Ideas.list(answer, "tools", ToolIdea.class), 1);

        assertTrue(problems.contains("tool 'get_room': kind 'read' does not match action 'update' (read, list and search are read tools;"
                + " create, update and delete are write tools)"), problems.toString());
        assertTrue(problems.contains("tool 'get_room': simulation.key 'room_id' is not one of its parameters [id]"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown type 'strin'")), problems.toString());
        assertTrue(problems.contains("no tool reads one entity by its key (simulation.action 'read')"), problems.toString());
    }

    @Test
    void should_refuse_entities_that_break_their_schema_or_repeat_a_key_and_a_collection_no_tool_uses() throws Exception {
        JsonNode answer = json("""
                {'collections': [
                  {'name': 'rooms', 'key': 'room_id', 'schema': {'type': 'object', 'properties': {'room_id': {'type': 'string'}, 'floor': {'type': 'integer'}},
                   'required': ['room_id']}, 'entities': [{'room_id': 'R-1', 'floor': 'two'}, {'room_id': 'R-1', 'floor': 2}]},
                  {'name': 'guests', 'key': 'guest_id', 'schema': {'type': 'object', 'properties': {'guest_id': {'type': 'string'}}, 'required': ['guest_id']},
                   'entities': [{'guest_id': 'G-1'}, {'guest_id': 'G-2'}]}]}""");
        List<String> problems = EntityChecks.problems(Ideas.list(answer, "collections", CollectionIdea.class), Set.of("rooms"), 2);

        assertTrue(problems.stream().anyMatch(p -> p.startsWith("collection 'rooms' entity 0: ") && p.contains("integer")), problems.toString());
        assertTrue(problems.contains("collection 'rooms' entity 1: key R-1 repeats"), problems.toString());
        assertTrue(problems.contains("collection 'guests': no tool uses it; give exactly [rooms]"), problems.toString());
    }

    @Test
    void should_refuse_plans_with_unknown_keys_values_nobody_said_unused_tools_and_reads_without_facts() throws Exception {
        TaskChecks checks = new TaskChecks(tools(), rooms());
        List<TaskIdea> tasks = Ideas.list(json("""
                {'tasks': [
                  {'name': 'look', 'ask': 'know about room R-9', 'steps': [{'tool': 'get_room', 'args': {'room_id': 'R-9'}}], 'facts': [],
                   'rubric': [{'name': 'outcome', 'text': 't'}]},
                  {'name': 'look_again', 'ask': 'know about a room', 'steps': [{'tool': 'get_room', 'args': {'room_id': 'R-1', 'floor': 1}}],
                   'facts': [{'step': 0, 'field': 'colour'}], 'rubric': [{'name': 'outcome', 'text': 't'}]}]}"""), "tasks", TaskIdea.class);

        List<String> problems = checks.problems(tasks, 2);

        assertTrue(problems.contains("task 'look' step 0 (get_room): no rooms entity has the key \"R-9\""), problems.toString());
        assertTrue(problems.contains("task 'look': a plan that only reads needs at least one fact"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("task 'look_again' step 0 (get_room): ") && p.contains("floor")), problems.toString());
        assertTrue(problems.contains("task 'look_again': fact field 'colour' is not a field of rooms [room_id, state]"), problems.toString());
        assertTrue(problems.contains("no plan uses the tools [set_room_state]; every tool must be used by some task"), problems.toString());
    }

    @Test
    void should_accept_a_plan_whose_values_the_user_says_and_whose_facts_name_fields() throws Exception {
        TaskChecks checks = new TaskChecks(tools(), rooms());
        List<TaskIdea> tasks = Ideas.list(json("""
                {'tasks': [{'name': 'clean', 'ask': 'have room R-1 marked clean', 'steps': [{'tool': 'get_room', 'args': {'room_id': 'R-1'}},
                  {'tool': 'set_room_state', 'args': {'room_id': 'R-1', 'state': 'clean'}}], 'facts': [{'step': 1, 'field': 'state'}],
                  'rubric': [{'name': 'outcome', 'text': 't'}]}]}"""), "tasks", TaskIdea.class);

        assertEquals(List.of(), checks.problems(tasks, 1));
    }
}
