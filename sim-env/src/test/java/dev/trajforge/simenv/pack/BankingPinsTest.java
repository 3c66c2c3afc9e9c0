package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The banking pack's world and tasks for seed 7, pinned: the seed program and the task generator run on all cores
 * and must give the same state and tasks every time. A deliberate change to the pack changes them; say why in the
 * commit. Also pins a few values a reader can check by hand: a task's gold plan and a converted payment.
 */
class BankingPinsTest {
    @Test
    void should_build_the_pinned_state_and_tasks_from_seed_7() {
        World world = Domains.byName("banking").orElseThrow().world(7);
        List<Task> tasks = world.tasks(600);
        StringBuilder digest = new StringBuilder();
        for (Task t : tasks) {
            digest.append(t.id()).append(t.scenario().name()).append(t.intents()).append(t.goldActions()).append(t.requiredFacts())
                    .append(t.assertions()).append('\n');
        }
        assertEquals("696843258d8fbc0bb9a1fc4475370de42931160c89da028729bd8caeae6b63d2", world.newEnvironment().stateHash());
        assertEquals("2bfa661bc54a930058acea07050f9ec3c8a4b37d439e92730e5f926e33052082", Hashing.sha256Hex(digest.toString()));
        assertEquals("banking-7-00599", tasks.get(599).id());
        assertEquals("[dispute_refused]", tasks.get(0).intents().toString());
        assertEquals("[verify_identity, get_customer_cards, get_card_transactions]", tasks.get(0).goldActions().stream().map(ToolCall::name).toList().toString());
        assertEquals("{\"card_id\":\"CRD000295\"}", tasks.get(0).goldActions().get(2).argumentsJson());
        assertEquals("[2025-02-07]", tasks.get(0).requiredFacts().toString()); // the dispute window closed before today, 2025-03-14
    }

    @Test
    void should_convert_payments_at_the_worlds_rate_and_refuse_overdrafts_and_payments_above_the_daily_limit() {
        World world = Domains.byName("banking").orElseThrow().world(7);
        Environment env = world.newEnvironment();
        assertEquals("0.9199", ok(env, "get_exchange_rate", "{\"from_currency\":\"USD\",\"to_currency\":\"EUR\"}").get("rate").asText());
        JsonNode account = ok(env, "get_account_details", "{\"account_id\":\"ACC000001\"}");
        assertEquals("C100000 USD 2040.28 3247.05", account.get("customer_id").asText() + " " + account.get("currency").asText() + " "
                + account.get("balance").asText() + " " + account.get("remaining_today").asText());

        // 1234.56 USD * 0.9199 = 1135.671744 EUR, credited rounded to cents
        JsonNode payment = ok(env, "transfer_funds", "{\"customer_id\":\"C100000\",\"from_account_id\":\"ACC000001\",\"to_iban\":\"DE44DEUT00123456789012\","
                + "\"beneficiary_name\":\"Marie Dubois\",\"to_currency\":\"EUR\",\"amount\":1234.56}");
        assertEquals("TRF0000001 1135.67 EUR 805.72", payment.get("transfer_id").asText() + " " + payment.get("credited_amount").asText() + " "
                + payment.get("credited_currency").asText() + " " + payment.get("balance_after").asText());
        assertEquals("2987.51", ok(env, "get_account_details", "{\"account_id\":\"ACC000001\"}").get("sent_today").asText());

        ToolResult overdraft = env.execute(call("transfer_funds", "{\"customer_id\":\"C100000\",\"from_account_id\":\"ACC000001\","
                + "\"to_iban\":\"DE44DEUT00123456789012\",\"beneficiary_name\":\"Marie Dubois\",\"to_currency\":\"EUR\",\"amount\":900}"));
        assertTrue(overdraft.error());
        assertTrue(overdraft.content().contains("Insufficient funds: account ACC000001 has a balance of 805.72 USD"), overdraft.content());

        // ACC000002: 4430.11 GBP, 1996.8 left of today's 2500 for external payments; own accounts have no daily limit
        // (ACC000602, 6351.88 EUR, receives 2000 GBP * 1.1851 = 2370.2 EUR)
        ToolResult aboveLimit = env.execute(call("transfer_funds", "{\"customer_id\":\"C107919\",\"from_account_id\":\"ACC000002\","
                + "\"to_iban\":\"GB29NWBK60161331926819\",\"beneficiary_name\":\"Oliver Hughes\",\"to_currency\":\"GBP\",\"amount\":2000}"));
        assertTrue(aboveLimit.error());
        assertTrue(aboveLimit.content().contains("can send 1996.8 GBP more today (limit 2500)"), aboveLimit.content());
        JsonNode own = ok(env, "transfer_funds", "{\"customer_id\":\"C107919\",\"from_account_id\":\"ACC000002\",\"to_account_id\":\"ACC000602\",\"amount\":2000}");
        assertEquals("TRF0000002 1.1851 2370.2 EUR 2430.11", own.get("transfer_id").asText() + " " + own.get("rate").asText() + " "
                + own.get("credited_amount").asText() + " " + own.get("credited_currency").asText() + " " + own.get("balance_after").asText());
        assertEquals("8722.08", ok(env, "get_account_details", "{\"account_id\":\"ACC000602\"}").get("balance").asText());

        // another customer's account, and a failed verification, are errors the agent sees
        assertTrue(env.execute(call("transfer_funds", "{\"customer_id\":\"C100000\",\"from_account_id\":\"ACC000002\",\"to_account_id\":\"ACC000301\","
                + "\"amount\":10}")).content().contains("is not an account of customer C100000"));
        assertTrue(env.execute(call("verify_identity", "{\"customer_id\":\"C107919\",\"date_of_birth\":\"1990-01-01\",\"ssn_last4\":\"0000\"}"))
                .content().contains("Identity could not be verified"));
    }

    private static JsonNode ok(Environment env, String tool, String arguments) {
        ToolResult result = env.execute(call(tool, arguments));
        assertTrue(!result.error(), result.content());
        return CanonicalJson.parseOrNull(result.content());
    }

    private static ToolCall call(String name, String arguments) {
        return new ToolCall("pin", name, arguments);
    }
}
