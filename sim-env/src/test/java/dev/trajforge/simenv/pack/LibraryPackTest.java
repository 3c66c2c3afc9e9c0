package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ToolKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small pack (test resources, packs/library) run through the whole pack engine: load, seed, tools, tasks. */
class LibraryPackTest {
    static final Path LIBRARY = Path.of("src/test/resources/packs/library");
    private static final Domain DOMAIN = DomainPacks.load(LIBRARY);
    private static final World WORLD = DOMAIN.world(7);

    @Test
    void should_read_every_tool_as_a_definition_with_its_kind() {
        assertEquals("library", DOMAIN.name());
        assertEquals(List.of("get_book", "get_member", "lend_book", "transfer_to_librarian"), WORLD.tools().stream().map(t -> t.name()).toList());
        assertEquals(Set.of("lend_book"), WORLD.writeTools());
        assertEquals(Set.of("transfer_to_librarian"), WORLD.handoffTools());
        assertEquals(ToolKind.READ, WORLD.tools().getFirst().kind());
        assertTrue(WORLD.toolsJson().contains("\"pattern\":\"^M[0-9]{4}$\""), "the tools column keeps the full schema: " + WORLD.toolsJson());
        assertEquals(4, WORLD.toolSpecifications().size());
    }

    @Test
    void should_build_the_same_state_from_the_same_seed_and_another_from_another() {
        assertEquals(WORLD.newEnvironment().stateHash(), DOMAIN.world(7).newEnvironment().stateHash());
        assertNotEquals(WORLD.newEnvironment().stateHash(), DOMAIN.world(8).newEnvironment().stateHash());
    }

    @Test
    void should_answer_a_read_and_refuse_a_failed_precondition_with_the_packs_message() {
        Environment env = WORLD.newEnvironment();
        ToolResult member = env.execute(new ToolCall("c1", "get_member", "{\"member_id\":\"M0100\"}"));
        assertFalse(member.error(), member.content());
        assertTrue(member.content().contains("\"member_id\":\"M0100\""), member.content());
        ToolResult missing = env.execute(new ToolCall("c2", "get_member", "{\"member_id\":\"M9999\"}"));
        assertEquals("Error: member M9999 not found", missing.content());
        ToolResult badArguments = env.execute(new ToolCall("c3", "get_member", "{\"member\":\"M0100\"}"));
        assertTrue(badArguments.error(), badArguments.content());
        assertTrue(env.changes().isEmpty());
    }

    @Test
    void should_record_a_writes_effects_as_one_patch_that_reproduces_the_state() {
        Environment env = WORLD.newEnvironment();
        String before = env.stateHash();
        String memberId = firstMemberWithoutFines(env);
        ToolResult lent = env.execute(new ToolCall("c1", "lend_book", "{\"member_id\":\"" + memberId + "\",\"book_id\":\"B500\"}"));
        assertFalse(lent.error(), lent.content());
        assertTrue(lent.content().contains("\"loan_id\":\"L00001\""), "the first new id after no seeded loans: " + lent.content());
        assertEquals(1, env.changes().size());
        assertEquals(3, env.changes().getFirst().patch().size(), env.changes().getFirst().patch().toString());
        assertNotEquals(before, env.stateHash());
        assertEquals(env.stateHash(), WORLD.stateHashAfter(env.changes()));

        ToolResult again = env.execute(new ToolCall("c2", "lend_book", "{\"member_id\":\"" + memberId + "\",\"book_id\":\"B500\"}"));
        assertEquals("Error: book B500 is on loan", again.content());
        assertEquals(1, env.changes().size(), "a refused call changes nothing");
    }

    @Test
    void should_refuse_an_effect_that_would_break_a_schema_and_leave_the_state_as_it_was() {
        Environment env = WORLD.newEnvironment();
        String memberId = firstMemberWithoutFines(env);
        for (int book = 501; book <= 503; book++) {
            assertFalse(env.execute(new ToolCall("c" + book, "lend_book", "{\"member_id\":\"" + memberId + "\",\"book_id\":\"B" + book + "\"}")).error());
        }
        String full = env.stateHash();
        ToolResult fourth = env.execute(new ToolCall("c4", "lend_book", "{\"member_id\":\"" + memberId + "\",\"book_id\":\"B504\"}"));
        assertTrue(fourth.error(), fourth.content());
        assertTrue(fourth.content().contains("members/" + memberId), fourth.content());
        assertEquals(full, env.stateHash());
    }

    @Test
    void should_generate_distinct_tasks_whose_gold_plans_execute_with_sources_and_confirmations() {
        List<Task> tasks = WORLD.tasks(60);
        assertEquals(60, tasks.stream().map(Task::id).distinct().count());
        assertEquals(tasks, DOMAIN.world(7).tasks(60), "same seed, same tasks");
        Set<String> intents = tasks.stream().flatMap(t -> t.intents().stream()).collect(Collectors.toSet());
        assertEquals(Set.of("borrow", "book_info", "fined"), intents);
        for (Task task : tasks) {
            Environment env = WORLD.newEnvironment();
            for (GoldStep step : task.goldSteps()) {
                assertFalse(env.execute(step.call()).error(), task.id() + " " + step);
                assertEquals(WORLD.writeTools().contains(step.call().name()), step.confirm(), task.id() + " " + step);
            }
            assertEquals(List.of(), WORLD.failedAssertions(task.assertions(), env.changes()), task.id());
        }
        Task borrow = tasks.stream().filter(t -> t.intents().equals(List.of("borrow"))).findFirst().orElseThrow();
        GoldStep lend = borrow.goldSteps().getLast();
        assertEquals(GoldStep.ArgumentSource.USER, lend.sources().get("member_id"));
        assertEquals(GoldStep.ArgumentSource.USER, lend.sources().get("book_id"));
        assertTrue(WORLD.failedAssertions(borrow.assertions(), List.of()).size() == 1, "the do-nothing state fails the assertion");
        Task fined = tasks.stream().filter(t -> t.intents().contains("fined")).findFirst().orElseThrow();
        assertEquals(GoldStep.ArgumentSource.CONSTANT, fined.goldSteps().getLast().sources().get("summary"));
    }

    private static String firstMemberWithoutFines(Environment env) {
        for (int i = 100; i < 140; i++) {
            String id = "M0" + i;
            if (env.execute(new ToolCall("probe", "get_member", "{\"member_id\":\"" + id + "\"}")).content().contains("\"fines\":0")) return id;
        }
        throw new AssertionError("no member without fines");
    }
}
