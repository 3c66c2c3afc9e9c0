package dev.trajforge.simenv.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptedUserSimulatorTest {
    private static final dev.trajforge.simenv.PromptResource RETAIL_TOPICS_RESOURCE =
            dev.trajforge.simenv.Domains.byName("retail").orElseThrow().userTopics();
    private static final UserTopics RETAIL_TOPICS = UserTopics.parse(RETAIL_TOPICS_RESOURCE);

    private static final String EMAIL_FACT = "My email is ada.kim1234@example.com.";
    private static final String NAME_ZIP_FACT = "My name is Ada Kim and my zip code is 94107.";
    private static final String REASON_FACT = "The reason is that it is no longer needed.";
    private static final String CANCEL_ASK = "cancel order #W1234567";
    private static final String ADDRESS_ASK = "update the default address on my account";
    private static final List<String> SITUATIONS = List.of("opening", "answer", "confirm", "next", "done", "stuck", "nudge", "clarify", "unknown", "did");

    private static UserScenario scenario(Style style, Map<String, String> knownInfo, UserRequest... requests) {
        return new UserScenario("Ada Kim", style, knownInfo, List.of(requests), List.of("your order id"),
                "You are Ada Kim. Cancel order #W1234567.");
    }

    private static UserScenario cancelByEmail(Style style) {
        return scenario(style, Map.of("email", EMAIL_FACT), new UserRequest("cancel", CANCEL_ASK, Map.of("reason", REASON_FACT)));
    }

    private static UserScenario compound(Style style) {
        return scenario(style, Map.of("name_zip", NAME_ZIP_FACT),
                new UserRequest("cancel", CANCEL_ASK, Map.of("reason", REASON_FACT)),
                new UserRequest("modify_user_address", ADDRESS_ASK, Map.of("address", "The new address is 1 Main Street, Boston, MA 02134, USA.")));
    }

    /** A conversation as the user sees it: the simulator's turns appended as user messages. */
    private static final class Conversation {
        final ScriptedUserSimulator user;
        final List<Message> messages = new ArrayList<>();
        final List<UserTurn> turns = new ArrayList<>();

        Conversation(UserScenario scenario, long seed) {
            this.user = new ScriptedUserSimulator(scenario, RETAIL_TOPICS, seed);
        }

        Conversation(UserScenario scenario, dev.trajforge.simenv.Persona persona, long seed) {
            this.user = new ScriptedUserSimulator(scenario, persona, RETAIL_TOPICS, seed);
        }

        UserTurn userTurn() {
            UserTurn turn = user.next(List.copyOf(messages));
            assertFalse(turn.content().contains("###"), "control token leaked into content: " + turn.content());
            assertFalse(turn.content().contains("{"), "unfilled template: " + turn.content());
            turns.add(turn);
            messages.add(Message.user(turn.content()));
            return turn;
        }

        UserTurn agent(String text) {
            messages.add(Message.assistant(text));
            return userTurn();
        }

        List<String> transcript() {
            return turns.stream().map(t -> t.signal() + ": " + t.content()).toList();
        }
    }

    private static boolean mentions(String text, String fragment) {
        return text.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------- opening and facts

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_open_with_the_ask_and_without_identity_facts_or_details(Style style) {
        for (long seed = 0; seed < 10; seed++) {
            UserTurn opening = new Conversation(cancelByEmail(style), seed).userTurn();
            assertEquals(UserTurn.Signal.CONTINUE, opening.signal());
            assertTrue(mentions(opening.content(), CANCEL_ASK), opening.content());
            assertFalse(mentions(opening.content(), "ada.kim1234@example.com"), opening.content());
            assertFalse(mentions(opening.content(), "no longer needed"), opening.content());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"TERSE", "VERBOSE", "IMPATIENT"})
    void should_reveal_the_email_only_when_the_agent_asks_for_it(Style style) {
        Conversation conversation = new Conversation(cancelByEmail(style), 3);
        conversation.userTurn();
        UserTurn beforeAsked = conversation.agent("I can help with that. Let me take a look.");
        assertFalse(mentions(beforeAsked.content(), "ada.kim1234@example.com"), beforeAsked.content());
        UserTurn asked = conversation.agent("First, could you give me the email on your account?");
        assertTrue(asked.content().contains(EMAIL_FACT), asked.content());
        assertFalse(asked.content().contains(REASON_FACT), asked.content());
    }

    @Test
    void should_reveal_name_and_zip_only_when_the_agent_asks_for_them() {
        Conversation conversation = new Conversation(compound(Style.TERSE), 5);
        assertFalse(mentions(conversation.userTurn().content(), "94107"));
        UserTurn asked = conversation.agent("Please tell me your full name and zip code.");
        assertEquals(NAME_ZIP_FACT, asked.content());
    }

    @Test
    void should_give_a_request_detail_when_the_agent_asks_for_it() {
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), 1);
        conversation.userTurn();
        UserTurn asked = conversation.agent("What is the reason for the cancellation?");
        assertEquals(REASON_FACT, asked.content());
    }

    @Test
    void should_answer_a_confused_users_question_at_the_latest_when_asked_a_second_time() {
        for (long seed = 0; seed < 10; seed++) {
            Conversation conversation = new Conversation(cancelByEmail(Style.CONFUSED), seed);
            conversation.userTurn();
            UserTurn first = conversation.agent("Could you give me your email, please?");
            if (first.content().contains(EMAIL_FACT)) continue;
            UserTurn second = conversation.agent("I need the email address on your account, please.");
            assertTrue(second.content().contains(EMAIL_FACT), "seed " + seed + ": " + conversation.transcript());
        }
    }

    @Test
    void should_say_so_when_asked_something_it_does_not_know() {
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), 1);
        conversation.userTurn();
        assertEquals("I don't know that.", conversation.agent("What is your phone number?").content());
    }

    // ---------------------------------------------------------------- confirmation, next request, done

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_answer_a_confirmation_question_affirmatively(Style style) {
        for (long seed = 0; seed < 5; seed++) {
            Conversation conversation = new Conversation(cancelByEmail(style), seed);
            conversation.userTurn();
            UserTurn answer = conversation.agent("I will cancel order #W1234567 (reason: no longer needed). Do you confirm (yes/no)?");
            assertEquals(UserTurn.Signal.CONTINUE, answer.signal());
            assertTrue(dev.trajforge.simenv.Affirmations.affirmative(answer.content()), answer.content());
        }
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_bring_up_the_second_request_when_asked_for_anything_else_then_stop(Style style) {
        Conversation conversation = new Conversation(compound(style), 11);
        UserTurn opening = conversation.userTurn();
        assertFalse(mentions(opening.content(), ADDRESS_ASK), "the second request is raised only when the first is done");
        UserTurn next = conversation.agent("Your order is cancelled. Is there anything else I can help you with?");
        assertEquals(UserTurn.Signal.CONTINUE, next.signal());
        assertTrue(mentions(next.content(), ADDRESS_ASK), next.content());
        UserTurn detail = conversation.agent("Sure. What is the new address?");
        assertTrue(detail.content().contains("1 Main Street"), detail.content());
        UserTurn done = conversation.agent("Your default address is updated. Anything else I can do for you?");
        assertEquals(UserTurn.Signal.STOP, done.signal());
    }

    @Test
    void should_stop_when_asked_for_anything_else_after_its_only_request() {
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), 2);
        conversation.userTurn();
        UserTurn done = conversation.agent("Done. Is there anything else?");
        assertEquals(UserTurn.Signal.STOP, done.signal());
        assertTrue(Set.of("No, that's all. Thanks.", "That's it, thanks.").contains(done.content()), done.content());
    }

    // ---------------------------------------------------------------- stuck agents

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_stop_as_stuck_when_the_agent_keeps_repeating_itself(Style style) {
        Conversation conversation = new Conversation(cancelByEmail(style), 4);
        conversation.userTurn();
        UserTurn turn = null;
        for (int i = 0; i < 5 && (turn == null || turn.signal() == UserTurn.Signal.CONTINUE); i++) {
            turn = conversation.agent("I'm sorry, I cannot find that order.");
        }
        assertEquals(UserTurn.Signal.STOP, turn.signal(), conversation.transcript().toString());
        assertTrue(stuckPhrases(style).contains(turn.content()), turn.content());
    }

    @Test
    void should_stop_as_stuck_when_the_agent_repeats_even_a_confirmation_question() {
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), 4);
        conversation.userTurn();
        List<UserTurn.Signal> signals = new ArrayList<>();
        for (int i = 0; i < 3; i++) signals.add(conversation.agent("Do you confirm (yes/no)?").signal());
        assertEquals(List.of(UserTurn.Signal.CONTINUE, UserTurn.Signal.CONTINUE, UserTurn.Signal.STOP), signals);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_stop_as_stuck_when_the_agent_makes_no_progress(Style style) {
        Conversation conversation = new Conversation(cancelByEmail(style), 8);
        conversation.userTurn();
        UserTurn turn = null;
        int agentTurns = 0;
        while (turn == null || turn.signal() == UserTurn.Signal.CONTINUE) {
            turn = conversation.agent("Let me check on that for you (" + agentTurns++ + ").");
            assertTrue(agentTurns <= ScriptedUserSimulator.MAX_TURNS_WITHOUT_PROGRESS, conversation.transcript().toString());
        }
        assertEquals(UserTurn.Signal.STOP, turn.signal());
        assertTrue(stuckPhrases(style).contains(turn.content()), turn.content());
    }

    // ---------------------------------------------------------------- personas

    @Test
    void should_speak_the_personas_language_and_keep_the_domains_request() {
        dev.trajforge.simenv.Persona spanish = PersonaCatalog.get().byId("polite_formal_es");
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), spanish, 2);
        String opening = conversation.userTurn().content();
        assertTrue(opening.contains(CANCEL_ASK) && (opening.contains("Buenos días") || opening.contains("Buenas tardes")), opening);
        UserTurn yes = conversation.agent("I will cancel order #W1234567 (reason: no longer needed). Do you confirm (yes/no)?");
        assertTrue(yes.content().startsWith("Sí") || yes.content().startsWith("Es correcto"), yes.content());
        assertEquals(spanish, conversation.user.persona());
    }

    @Test
    void should_volunteer_what_the_user_knows_only_when_the_persona_does() {
        String volunteered = new Conversation(cancelByEmail(Style.TERSE), PersonaCatalog.get().byId("expert"), 4).userTurn().content();
        assertTrue(volunteered.endsWith(EMAIL_FACT), volunteered);
        String asked = new Conversation(cancelByEmail(Style.TERSE), PersonaCatalog.get().byId("terse_hurried"), 4).userTurn().content();
        assertFalse(asked.contains(EMAIL_FACT), asked);
    }

    @Test
    void should_give_up_sooner_the_less_patient_the_persona() {
        Map<String, Integer> turnsToGiveUp = new java.util.TreeMap<>();
        for (String id : List.of("terse_hurried", "terse", "non_native")) { // low, medium, high patience
            Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), PersonaCatalog.get().byId(id), 8);
            conversation.userTurn();
            int agentTurns = 0;
            UserTurn turn = null;
            while (turn == null || turn.signal() == UserTurn.Signal.CONTINUE) turn = conversation.agent("Let me check on that for you (" + agentTurns++ + ").");
            turnsToGiveUp.put(id, agentTurns);
        }
        assertEquals(Map.of("terse_hurried", 2, "terse", 3, "non_native", 4), turnsToGiveUp);
    }

    @Test
    void should_stop_within_the_turn_limit_even_when_every_agent_message_looks_like_progress() {
        Conversation conversation = new Conversation(cancelByEmail(Style.VERBOSE), 9);
        conversation.userTurn();
        UserTurn turn = null;
        int agentTurns = 0;
        while (turn == null || turn.signal() == UserTurn.Signal.CONTINUE) {
            turn = conversation.agent("Step " + agentTurns++ + ": shall I proceed?");
            assertTrue(agentTurns <= ScriptedUserSimulator.MAX_TURNS, conversation.transcript().toString());
        }
        assertEquals(UserTurn.Signal.STOP, turn.signal());
    }

    @Test
    void should_look_only_at_the_agents_text_messages_not_at_tool_traffic() {
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), 1);
        conversation.userTurn();
        ToolCall call = new ToolCall("c1", "find_user_id_by_email", "{\"email\":\"confirm anything else\"}");
        conversation.messages.add(Message.assistant("What is your email?"));
        conversation.messages.add(Message.assistant(null, null, List.of(call)));
        conversation.messages.add(Message.tool(ToolResult.ok(call, "Do you confirm? anything else?")));
        assertEquals(EMAIL_FACT, conversation.userTurn().content());
    }

    @Test
    void should_give_the_email_when_the_agent_asks_to_confirm_it() {
        Conversation conversation = new Conversation(cancelByEmail(Style.TERSE), 1);
        conversation.userTurn();
        assertTrue(conversation.agent("Could you confirm your email address?").content().contains(EMAIL_FACT));
    }

    // ---------------------------------------------------------------- determinism

    private static List<String> script(Style style, long seed) {
        Conversation conversation = new Conversation(compound(style), seed);
        conversation.userTurn();
        for (String text : List.of("Hello! What is your name and zip code?", "Why do you want to cancel?",
                "Do you confirm (yes/no)?", "Done. Anything else?", "Hmm, let me see.", "What is the new address?",
                "Shall I proceed?", "Anything else?")) {
            if (conversation.turns.getLast().signal() != UserTurn.Signal.CONTINUE) break;
            conversation.agent(text);
        }
        return conversation.transcript();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_say_the_same_turns_for_the_same_seed(Style style) {
        assertEquals(script(style, 42), script(style, 42));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_vary_its_phrasing_across_seeds(Style style) {
        Set<List<String>> transcripts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) transcripts.add(script(style, seed));
        assertTrue(transcripts.size() > 1, "20 seeds gave one transcript");
    }

    // ---------------------------------------------------------------- personas.json

    private static JsonNode personas() {
        return CanonicalJson.parseOrNull(PersonaTemplates.RESOURCE.text());
    }

    private static Set<String> stuckPhrases(Style style) {
        Set<String> phrases = new HashSet<>();
        personas().get("languages").get("en").get(style.wireName()).get("stuck").forEach(p -> phrases.add(p.asText()));
        return phrases;
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_have_every_situation_for_every_style_in_every_language(Style style) {
        for (String language : List.of("en", "es")) {
            JsonNode templates = personas().get("languages").get(language).get(style.wireName());
            String where = language + "/" + style.wireName();
            Set<String> situations = new TreeSet<>();
            templates.fieldNames().forEachRemaining(situations::add);
            assertEquals(new TreeSet<>(SITUATIONS), situations, where);
            for (String situation : SITUATIONS) {
                assertFalse(templates.get(situation).isEmpty(), where + "/" + situation + " has no phrasing");
                String said = PersonaTemplates.get().say(style, language, situation, new SplittableRandom(1), "do the thing", "The fact.");
                assertFalse(said.isBlank(), where + "/" + situation);
                assertFalse(said.contains("{"), where + "/" + situation + ": " + said);
            }
            for (String ask : List.of("opening", "next", "nudge")) {
                for (JsonNode template : templates.get(ask)) {
                    assertTrue(template.asText().contains("{ask}") || template.asText().contains("{Ask}"),
                            where + "/" + ask + " does not say the ask: " + template.asText());
                }
            }
            for (JsonNode template : templates.get("answer")) {
                assertTrue(template.asText().contains("{info}"), where + "/answer does not give the info: " + template.asText());
            }
            for (JsonNode template : templates.get("confirm")) {
                assertTrue(dev.trajforge.simenv.Affirmations.affirmative(template.asText()), where + "/confirm is not read as a yes: " + template.asText());
            }
        }
    }

    @Test
    void should_word_each_style_differently_in_each_language() {
        for (String language : List.of("en", "es")) {
            JsonNode styles = personas().get("languages").get(language);
            List<Set<String>> wordings = new ArrayList<>();
            for (Style style : Style.values()) {
                Set<String> all = new HashSet<>();
                for (Iterator<JsonNode> situations = styles.get(style.wireName()).elements(); situations.hasNext(); ) {
                    situations.next().forEach(p -> all.add(p.asText()));
                }
                wordings.add(all);
            }
            for (int i = 0; i < wordings.size(); i++) {
                for (int j = i + 1; j < wordings.size(); j++) {
                    assertNotEquals(wordings.get(i), wordings.get(j), language + ": " + Style.values()[i] + " vs " + Style.values()[j]);
                    Set<String> openings = new HashSet<>();
                    styles.get(Style.values()[i].wireName()).get("opening").forEach(p -> openings.add(p.asText()));
                    styles.get(Style.values()[j].wireName()).get("opening").forEach(p -> assertFalse(openings.contains(p.asText()),
                            language + ": shared opening: " + p.asText()));
                }
            }
        }
    }

    @Test
    void should_capitalize_the_ask_at_the_start_of_a_sentence() {
        String said = PersonaTemplates.get().say(Style.IMPATIENT, "en", "opening", new SplittableRandom(0), "cancel order #W1", "");
        assertTrue(said.contains("Cancel order #W1") || said.contains("cancel order #W1"), said);
        for (long seed = 0; seed < 20; seed++) {
            String terse = PersonaTemplates.get().say(Style.TERSE, "en", "opening", new SplittableRandom(seed), "cancel order #W1", "");
            assertFalse(terse.startsWith("cancel"), terse);
        }
    }

    @Test
    void should_record_the_persona_templates_hash_and_no_usage() {
        ScriptedUserSimulator user = new ScriptedUserSimulator(cancelByEmail(Style.TERSE), RETAIL_TOPICS, 1);
        assertEquals(ScriptedUserSimulator.MODEL, user.model());
        assertEquals(dev.trajforge.simenv.Hashing.sha256Hex(dev.trajforge.simenv.Hashing.sha256Hex(PersonaTemplates.RESOURCE.text()) + "\n"
                + dev.trajforge.simenv.Hashing.sha256Hex(RETAIL_TOPICS_RESOURCE.text())), user.promptSha256());
        assertEquals(Usage.NONE, user.usage());
    }

    // ---------------------------------------------------------------- UserTurn

    @Test
    void should_strip_the_stop_token_and_signal_stop() {
        UserTurn turn = UserTurn.parse("Thanks, that's all. ###STOP###", "fallback");
        assertEquals(new UserTurn("Thanks, that's all.", UserTurn.Signal.STOP), turn);
    }

    @Test
    void should_strip_the_transfer_token_and_signal_transfer() {
        assertEquals(new UserTurn("Okay.", UserTurn.Signal.TRANSFER), UserTurn.parse("###TRANSFER### Okay.", "fallback"));
    }

    @Test
    void should_use_the_fallback_when_the_reply_is_only_a_token() {
        assertEquals(new UserTurn("Bye.", UserTurn.Signal.STOP), UserTurn.parse("  ###STOP###  ", "Bye."));
    }

    @Test
    void should_prefer_stop_when_both_tokens_appear_and_strip_both() {
        UserTurn turn = UserTurn.parse("Fine ###TRANSFER### bye ###STOP###", "x");
        assertEquals(UserTurn.Signal.STOP, turn.signal());
        assertFalse(turn.content().contains("###"), turn.content());
    }

    @Test
    void should_continue_when_there_is_no_token() {
        assertEquals(UserTurn.say("Hello"), UserTurn.parse("Hello", "x"));
    }

    @Test
    void should_reject_a_user_turn_without_content() {
        assertThrows(IllegalArgumentException.class, () -> UserTurn.say(" "));
        assertThrows(IllegalArgumentException.class, () -> new UserTurn(null, UserTurn.Signal.STOP));
        assertThrows(NullPointerException.class, () -> new UserTurn("hi", null));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void should_never_put_a_control_token_in_the_content_of_a_scripted_turn(Style style) {
        for (long seed = 0; seed < 10; seed++) {
            for (String line : script(style, seed)) assertFalse(line.contains("###"), line);
        }
    }
}
