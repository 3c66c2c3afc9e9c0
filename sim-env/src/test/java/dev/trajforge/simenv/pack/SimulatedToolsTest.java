package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.DomainOrigin;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ScriptedToolSimulator;
import dev.trajforge.simenv.tools.SimulationRequest;
import dev.trajforge.simenv.tools.ToolSimulation;
import dev.trajforge.simenv.tools.ToolSimulationException;
import dev.trajforge.simenv.tools.ToolSimulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pack whose tools are all simulated (test resources, packs/petshop: integer keys, a delete) answered by the offline
 * scripted world model and by simulators that answer wrongly on purpose: only sound answers change the state.
 */
class SimulatedToolsTest {
    static final Path PETSHOP = Path.of("src/test/resources/packs/petshop");
    private static final Domain DOMAIN = DomainPacks.load(PETSHOP);
    private static final World WORLD = DOMAIN.world(3);

    @Test
    void should_load_simulated_tools_and_say_where_the_pack_came_from() {
        assertTrue(WORLD.simulatesTools());
        assertEquals(List.of("add_pet", "delete_pet", "find_pets", "get_pet", "update_pet"), WORLD.tools().stream().map(t -> t.name()).toList());
        assertEquals(new DomainOrigin("openapi", "petshop test spec"), DOMAIN.origin());
        assertEquals(DomainOrigin.BUILTIN, dev.trajforge.simenv.Domains.byName("airline").orElseThrow().origin());
    }

    @Test
    void should_replay_every_gold_plan_to_the_state_its_recorded_patches_give() {
        List<Task> tasks = WORLD.tasks(60);
        assertTrue(WORLD.distinctTasks(200) >= 20, "distinct tasks: " + WORLD.distinctTasks(200));
        boolean deleted = false;
        for (Task task : tasks) {
            Environment env = WORLD.newEnvironment();
            for (GoldStep step : task.goldSteps()) {
                ToolResult result = env.execute(step.call());
                assertFalse(result.error(), task.id() + " " + step.call() + ": " + result.content());
            }
            assertEquals(env.stateHash(), WORLD.stateHashAfter(env.changes()), task.id());
            deleted |= env.changes().stream().anyMatch(c -> c.patch().toString().contains("\"remove\""));
            if (task.goldSteps().stream().anyMatch(s -> WORLD.writeTools().contains(s.call().name()))) {
                assertNull(task.goldStateHash(), "a simulated write's end state depends on the run's simulator: " + task.id());
            }
        }
        assertTrue(deleted, "some task deletes a pet");
    }

    @Test
    void should_answer_reads_from_the_state_and_change_nothing() {
        Environment env = WORLD.newEnvironment();
        String before = env.stateHash();
        ToolResult found = env.execute(new ToolCall("c1", "get_pet", "{\"pet_id\": 4}"));
        JsonNode pet = CanonicalJson.parseOrNull(found.content());
        assertEquals(4, pet.path("id").asInt());
        assertTrue(pet.path("name").asText().endsWith(" 4"), found.content());
        ToolResult missing = env.execute(new ToolCall("c2", "get_pet", "{\"pet_id\": 99}"));
        assertTrue(missing.error());
        assertEquals("Error: pet 99 not found", missing.content());
        assertEquals(before, env.stateHash());
        assertTrue(env.changes().isEmpty());
    }

    @Test
    void should_create_under_the_next_integer_key_and_remove_on_delete() {
        Environment env = WORLD.newEnvironment();
        ToolResult added = env.execute(new ToolCall("c1", "add_pet", "{\"name\": \"Ziggy\", \"status\": \"available\"}"));
        assertEquals(13, CanonicalJson.parseOrNull(added.content()).path("id").asInt(), added.content());
        ToolResult deleted = env.execute(new ToolCall("c2", "delete_pet", "{\"pet_id\": 13}"));
        assertFalse(deleted.error(), deleted.content());
        assertEquals(WORLD.newEnvironment().stateHash(), env.stateHash(), "adding then removing a pet leaves the world as it was");
        assertTrue(env.execute(new ToolCall("c3", "get_pet", "{\"pet_id\": 13}")).error());
        assertEquals(env.stateHash(), WORLD.stateHashAfter(env.changes()));
    }

    @Test
    void should_ask_again_after_each_kind_of_wrong_answer_and_count_it() {
        ToolSimulation simulation = new ToolSimulation(new ScriptedToolSimulator(0.6), 3, true);
        World world = WORLD.withToolSimulation(simulation);
        for (int pet = 1; pet <= 12; pet++) {
            Environment env = world.newEnvironment();
            env.execute(new ToolCall("r" + pet, "get_pet", "{\"pet_id\": " + pet + "}"));
            ToolResult updated = env.execute(new ToolCall("u" + pet, "update_pet", "{\"id\": " + pet + ", \"status\": \"pending\"}"));
            assertFalse(updated.error(), updated.content());
            assertEquals(world.stateHashAfter(env.changes()), env.stateHash());
        }
        Map<String, Object> metrics = simulation.stats().metrics();
        assertEquals(24L, metrics.get("simulated_calls"));
        assertTrue(simulation.stats().regenerations() > 0, metrics.toString());
        @SuppressWarnings("unchecked") Map<String, Long> refused = (Map<String, Long>) metrics.get("refused_proposals");
        assertTrue(refused.values().stream().allMatch(n -> n > 0), "every cause was met: " + refused);
        assertEquals(0, simulation.stats().failures());
        assertEquals(simulation.stats().regenerations(), refused.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void should_end_the_call_as_a_simulator_failure_when_no_answer_is_sound() {
        assertFailure("{\"result\": {\"id\": 1}, \"patch\": [{\"op\": \"replace\", \"path\": \"/pets/1/name\", \"value\": \"Rex\"}]}",
                "get_pet", "{\"pet_id\": 1}", ToolSimulationException.Cause.BAD_PATCH); // a read tool changes nothing
        assertFailure("{\"result\": {}, \"patch\": [{\"op\": \"replace\", \"path\": \"/pets/1/status\", \"value\": \"lost\"}]}",
                "update_pet", "{\"id\": 1, \"status\": \"sold\"}", ToolSimulationException.Cause.SCHEMA_VIOLATION);
        assertFailure("{\"result\": {}, \"patch\": [{\"op\": \"replace\", \"path\": \"/pets/77/status\", \"value\": \"sold\"}]}",
                "update_pet", "{\"id\": 77, \"status\": \"sold\"}", ToolSimulationException.Cause.BAD_PATCH); // no such pet
        assertFailure("{\"result\": {\"id\": \"one\"}, \"patch\": []}", "get_pet", "{\"pet_id\": 1}", ToolSimulationException.Cause.BAD_OUTPUT);
        assertFailure("The pet is called Rex.", "get_pet", "{\"pet_id\": 1}", ToolSimulationException.Cause.BAD_OUTPUT);
        assertFailure("{\"result\": null, \"error\": \"gone\", \"patch\": [{\"op\": \"remove\", \"path\": \"/pets/1\"}]}",
                "delete_pet", "{\"pet_id\": 1}", ToolSimulationException.Cause.BAD_PATCH); // an error changes nothing
    }

    private static void assertFailure(String answer, String tool, String arguments, ToolSimulationException.Cause cause) {
        AtomicInteger asked = new AtomicInteger();
        ToolSimulation simulation = new ToolSimulation(constant(answer, asked), 2, true);
        Environment env = WORLD.withToolSimulation(simulation).newEnvironment();
        String before = env.stateHash();
        ToolSimulationException failure = assertThrows(ToolSimulationException.class, () -> env.execute(new ToolCall("c1", tool, arguments)));
        assertEquals(cause, failure.reason(), failure.getMessage());
        assertEquals(2, asked.get(), "asked again once, then gave up");
        assertEquals(before, env.stateHash());
        assertTrue(env.changes().isEmpty());
        assertEquals(1, simulation.stats().failures());
        assertEquals(new dev.trajforge.simenv.Usage(2, 200, 40), env.toolSimulatorUsage(), "both proposals were paid for");
    }

    @Test
    void should_answer_the_same_call_on_the_same_world_from_the_cache() {
        AtomicInteger asked = new AtomicInteger();
        ScriptedToolSimulator scripted = new ScriptedToolSimulator(0);
        ToolSimulator counting = new ToolSimulator() {
            @Override
            public dev.trajforge.simenv.tools.SimulatorReply answer(SimulationRequest request) {
                asked.incrementAndGet();
                return scripted.answer(request);
            }

            @Override
            public String model() {
                return "test/counting";
            }
        };
        ToolSimulation simulation = new ToolSimulation(counting, 3, true);
        World world = WORLD.withToolSimulation(simulation);
        Environment first = world.newEnvironment();
        Environment second = world.newEnvironment();
        String call = "{\"name\": \"Maple\", \"status\": \"available\"}";
        ToolResult a = first.execute(new ToolCall("c1", "add_pet", call));
        ToolResult b = second.execute(new ToolCall("c9", "add_pet", call));
        assertEquals(a.content(), b.content());
        assertEquals(first.stateHash(), second.stateHash());
        assertEquals(1, asked.get());
        assertEquals(1, simulation.stats().cacheHits());
        first.execute(new ToolCall("c2", "add_pet", call)); // the world has changed: a new answer
        assertEquals(2, asked.get());
    }

    @Test
    void should_report_a_gold_step_the_offline_simulator_cannot_answer_as_a_problem_of_the_pack(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws java.io.IOException {
        for (String file : List.of("domain.yaml", "policy.md", "seed.yaml", "tools.yaml", "tasks.yaml", "agent-phrases.json", "user-topics.json",
                "schemas/pets.schema.json", "schemas/customers.schema.json")) {
            java.nio.file.Files.createDirectories(tmp.resolve(file).getParent());
            java.nio.file.Files.copy(PETSHOP.resolve(file), tmp.resolve(file));
        }
        String tools = java.nio.file.Files.readString(tmp.resolve("tools.yaml"));
        java.nio.file.Files.writeString(tmp.resolve("tools.yaml"), tools.replace("required: [id, name, status], properties:", "required: [id, name, status, weight], properties:"));
        World world = DomainPacks.load(tmp).world(3);
        PackException problem = assertThrows(PackException.class, () -> world.tasks(40));
        String message = problem.getMessage();
        assertTrue(message.contains("tasks.yaml:") && message.contains("intent pet_info") && message.contains("cannot answer get_pet")
                && message.contains("bad_output"), message);
    }

    private static ToolSimulator constant(String answer, AtomicInteger asked) {
        return new ToolSimulator() {
            @Override
            public dev.trajforge.simenv.tools.SimulatorReply answer(SimulationRequest request) {
                asked.incrementAndGet();
                return new dev.trajforge.simenv.tools.SimulatorReply(answer, new dev.trajforge.simenv.Usage(1, 100, 20));
            }

            @Override
            public String model() {
                return "test/constant";
            }
        };
    }
}
