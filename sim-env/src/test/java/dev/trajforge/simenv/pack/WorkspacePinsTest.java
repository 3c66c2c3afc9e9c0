package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workspace pack's world and tasks for seed 7, pinned (the seed program and the task generator run
 * on all cores and must give the same result every time), and its time-zone arithmetic checked by hand
 * on one world: a free-slot search across Berlin and New York, local times in both zones, and the
 * refusals of create_event. A deliberate change to the pack changes the pins; say why in the commit.
 */
class WorkspacePinsTest {
    static final String AMELIA = "amelia.hernandez@northwind.example"; // Berlin, 08:30-17:30 Europe/Berlin
    static final String AVA = "ava.li@northwind.example";              // New York, 08:30-16:30 America/New_York
    static World world;

    @BeforeAll
    static void build() {
        world = Domains.byName("workspace").orElseThrow().world(7);
    }

    @Test
    void should_build_the_pinned_state_and_tasks_from_seed_7() {
        List<Task> tasks = world.tasks(300);
        StringBuilder digest = new StringBuilder();
        for (Task t : tasks) {
            digest.append(t.id()).append(t.scenario().name()).append(t.intents()).append(t.goldActions()).append(t.requiredFacts())
                    .append(t.assertions()).append('\n');
        }
        assertEquals("cc82b438390e94cb269e61f037c97e4015ca2125af2b60e09f29432d0c721fa2", world.newEnvironment().stateHash());
        assertEquals("2da415b651a71f3dbcc21308374bdcc546017df6f70b6c5cc5b8eccf5dfc92c6", Hashing.sha256Hex(digest.toString()));
        assertEquals("workspace-7-00299", tasks.get(299).id());
        assertEquals("workspace-7-00000 [cancel_not_organizer_transfer] []", tasks.get(0).id() + " " + tasks.get(0).intents() + " " + tasks.get(0).requiredFacts());
        Task schedule = tasks.stream().filter(t -> t.intents().equals(List.of("schedule_meeting"))).findFirst().orElseThrow();
        // a Tokyo organizer (UTC+09:00) and a Singapore colleague (UTC+08:00): 10:00 in Tokyo is 09:00 in Singapore
        assertEquals("workspace-7-00001 [2024-06-12 10:00, 2024-06-12 09:00 Asia/Singapore] {\"organiz"
                + "er\":\"nora.hernandez@northwind.example\",\"title\":\"Interview debrief - Everest\",\"attendees\":[\"leo.ahmed@northwind.example\"],\"start_local\":\"2024-06-12 10:00\",\"duration_minutes\":60,\"time_zone\":\"Asia/Tokyo\"}", schedule.id() + " " + schedule.requiredFacts() + " " + schedule.goldActions().getLast().argumentsJson());
    }

    /*
     * By hand, for 2024-06-05 (a Wednesday; Berlin is UTC+02:00 and New York UTC-04:00 in June):
     * Amelia works 06:30-15:30 UTC, Ava 12:30-20:30 UTC, so both work 12:30-15:30 UTC and a 60-minute meeting
     * can start from 12:30 to 14:30 UTC. Amelia's confirmed events that day (06:30-07:00, 09:30-10:30 UTC) lie
     * outside it; Ava's confirmed 14:30-15:15 UTC rules out 14:00 and 14:30 (13:30-14:30 only touches it).
     * So the slots are 12:30, 13:00 and 13:30 UTC: 14:30, 15:00, 15:30 in Berlin and 08:30, 09:00, 09:30 in New York.
     */
    @Test
    void should_find_the_common_free_slots_of_berlin_and_new_york_as_computed_by_hand() {
        Environment env = world.newEnvironment();
        String slots = call(env, "find_free_slots", "{\"attendees\":[\"" + AMELIA + "\",\"" + AVA + "\"],\"date\":\"2024-06-05\","
                + "\"duration_minutes\":60,\"time_zone\":\"Europe/Berlin\"}");
        assertEquals(3, count(slots, "\"start_local\""), slots);
        assertTrue(slots.contains("\"slots\":[{\"start\":\"2024-06-05T12:30:00Z\",\"end\":\"2024-06-05T13:30:00Z\","
                + "\"start_local\":\"2024-06-05 14:30\",\"end_local\":\"2024-06-05 15:30\",\"attendee_local_starts\":{\"" + AMELIA
                + "\":\"2024-06-05 14:30 Europe/Berlin\",\"" + AVA + "\":\"2024-06-05 08:30 America/New_York\"}}"), slots);
        assertTrue(slots.contains("{\"start\":\"2024-06-05T13:00:00Z\",\"end\":\"2024-06-05T14:00:00Z\",\"start_local\":\"2024-06-05 15:00\""), slots);
        assertTrue(slots.contains("{\"start\":\"2024-06-05T13:30:00Z\",\"end\":\"2024-06-05T14:30:00Z\",\"start_local\":\"2024-06-05 15:30\""), slots);
        // the same search shown in New York time: the same instants
        String inNewYork = call(env, "find_free_slots", "{\"attendees\":[\"" + AVA + "\",\"" + AMELIA + "\"],\"date\":\"2024-06-05\","
                + "\"duration_minutes\":60,\"time_zone\":\"America/New_York\"}");
        assertTrue(inNewYork.contains("{\"start\":\"2024-06-05T12:30:00Z\",\"end\":\"2024-06-05T13:30:00Z\",\"start_local\":\"2024-06-05 08:30\""), inNewYork);
        assertEquals(3, count(inNewYork, "\"start_local\""), inNewYork);
    }

    @Test
    void should_book_the_slot_and_then_refuse_conflicts_and_hours_outside_working_time() {
        Environment env = world.newEnvironment();
        String created = call(env, "create_event", "{\"organizer\":\"" + AMELIA + "\",\"title\":\"Pin check\",\"attendees\":[\"" + AVA + "\"],"
                + "\"start_local\":\"2024-06-05 14:30\",\"duration_minutes\":60,\"time_zone\":\"Europe/Berlin\"}");
        assertTrue(created.contains("\"start\":\"2024-06-05T12:30:00Z\""), created);
        assertTrue(created.contains("\"" + AVA + "\":\"2024-06-05 08:30 America/New_York\""), created);
        ToolResult clash = env.execute(new ToolCall("c2", "create_event", "{\"organizer\":\"" + AVA + "\",\"title\":\"Clash\",\"attendees\":[\""
                + AMELIA + "\"],\"start_local\":\"2024-06-05 09:00\",\"duration_minutes\":30,\"time_zone\":\"America/New_York\"}"));
        assertTrue(clash.error() && clash.content().contains("Conflict") && clash.content().contains("Pin check"), clash.content());
        ToolResult late = env.execute(new ToolCall("c3", "create_event", "{\"organizer\":\"" + AMELIA + "\",\"title\":\"Late\",\"attendees\":[\""
                + AVA + "\"],\"start_local\":\"2024-06-05 17:30\",\"duration_minutes\":30,\"time_zone\":\"Europe/Berlin\"}"));
        assertTrue(late.error() && late.content().contains("Outside working hours") && late.content().contains(AMELIA), late.content());
        ToolResult noSuchDay = env.execute(new ToolCall("c5", "create_event", "{\"organizer\":\"" + AMELIA + "\",\"title\":\"Leap\",\"attendees\":[\""
                + AVA + "\"],\"start_local\":\"2025-02-29 10:00\",\"duration_minutes\":30,\"time_zone\":\"Europe/Berlin\"}"));
        assertEquals("Error: 2025-02-29 10:00 is not a valid date and time (YYYY-MM-DD HH:MM)", noSuchDay.content());
        ToolResult notOrganizer = env.execute(new ToolCall("c4", "cancel_event", "{\"event_id\":\"E000821\",\"requester\":\"" + AMELIA + "\"}"));
        assertTrue(notOrganizer.error() && notOrganizer.content().contains("Only the organizer"), notOrganizer.content());
    }

    private static String call(Environment env, String tool, String arguments) {
        ToolResult result = env.execute(new ToolCall("c1", tool, arguments));
        assertFalse(result.error(), result.content());
        return result.content();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
