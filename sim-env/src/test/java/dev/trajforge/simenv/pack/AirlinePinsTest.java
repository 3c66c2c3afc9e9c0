package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The airline pack's world and tasks for seed 7, pinned: the seed program and the task generator run
 * on all cores and must give exactly what one-by-one generation gave (these values were taken from
 * the sequential code). A deliberate change to the pack changes them; say why in the commit.
 */
class AirlinePinsTest {
    @Test
    void should_build_the_pinned_state_and_tasks_from_seed_7() {
        World world = Domains.byName("airline").orElseThrow().world(7);
        List<Task> tasks = world.tasks(600);
        StringBuilder digest = new StringBuilder();
        for (Task t : tasks) {
            digest.append(t.id()).append(t.scenario().name()).append(t.intents()).append(t.goldActions()).append(t.requiredFacts())
                    .append(t.assertions()).append('\n');
        }
        assertEquals("192a6c7286bc1e83dc69c512cfaf232860f6403603a7a68eefa8b25cd3cd866e", world.newEnvironment().stateHash());
        assertEquals("f0f40a06b55f26a39aa230357c4d734a7094e4b165610e899f695debad3f25ba", Hashing.sha256Hex(digest.toString()));
        assertEquals("airline-7-00599", tasks.get(599).id());
    }
}
