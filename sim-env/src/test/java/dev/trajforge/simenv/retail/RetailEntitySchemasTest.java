package dev.trajforge.simenv.retail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.state.StateChange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every retail entity conforms to its collection's JSON Schema, and a change that would break one is refused. */
class RetailEntitySchemasTest {
    private static final RetailWorld WORLD = (RetailWorld) Domains.byName("retail").orElseThrow().world(7);

    @Test
    void should_find_every_user_order_and_product_of_a_world_valid_against_its_schema() {
        List<String> problems = new ArrayList<>();
        RetailDb db = WORLD.base();
        db.forEachUser(u -> problems.addAll(RetailDb.SCHEMAS.problems("users", u.userId(), RetailDb.tree(u))));
        db.forEachOrder(o -> problems.addAll(RetailDb.SCHEMAS.problems("orders", o.orderId(), RetailDb.tree(o))));
        db.forEachProduct(p -> problems.addAll(RetailDb.SCHEMAS.problems("products", p.productId(), RetailDb.tree(p))));
        assertEquals(List.of(), problems.stream().limit(5).toList());
        assertEquals(db.userCount() + db.orderCount() + db.productCount() > 2000, true);
    }

    @Test
    void should_keep_every_entity_valid_through_the_gold_plans_writes() {
        for (Task task : WORLD.tasks(300)) {
            Environment env = WORLD.newEnvironment();
            for (ToolCall call : task.goldActions()) env.execute(call);
            WORLD.stateHashAfter(env.changes()); // validates every changed entity
        }
    }

    @Test
    void should_refuse_changes_that_leave_an_entity_breaking_its_schema_naming_entity_and_rule() {
        Task cancel = WORLD.tasks(100).stream().filter(t -> t.intents().equals(List.of("cancel"))).findFirst().orElseThrow();
        String orderId = com.fasterxml.jackson.databind.node.TextNode.valueOf(cancel.goldActions().getLast().argumentsJson()).asText()
                .replaceAll(".*\"order_id\":\"([^\"]+)\".*", "$1");
        var patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "replace").put("path", "/orders/" + orderId + "/status").put("value", "lost in space");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WORLD.stateHashAfter(List.of(new StateChange("call-1", "cancel_pending_order", patch))));

        assertTrue(refused.getMessage().contains("orders/" + orderId + ": ") && refused.getMessage().contains("status"), refused.getMessage());
    }
}
