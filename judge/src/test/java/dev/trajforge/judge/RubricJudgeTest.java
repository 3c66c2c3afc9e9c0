package dev.trajforge.judge;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.trajforge.judge.ScriptedJudgeModel.allPass;
import static dev.trajforge.judge.ScriptedJudgeModel.entry;
import static dev.trajforge.judge.ScriptedJudgeModel.json;
import static dev.trajforge.judge.ScriptedJudgeModel.verdicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RubricJudgeTest {
    private static final long SEED = 3;
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(SEED);
    private static final String POLICY = WORLD.domain().policy().text();

    private static Task first(String intent) {
        return WORLD.tasks(300).stream().filter(t -> t.intents().equals(List.of(intent))).findFirst().orElseThrow();
    }

    private static Task compound() {
        return WORLD.tasks(300).stream().filter(t -> t.intents().size() == 2 && t.rubric().size() >= 4).findFirst().orElseThrow();
    }

    private static Trajectory gold(Task task) {
        return GoldConversation.of(WORLD, task).build();
    }

    private static RubricJudge single(ScriptedJudgeModel model) {
        return new RubricJudge(List.of(new RubricJudge.JudgeModel(model, "test/judge")));
    }

    private static JudgeOutcome.JudgeFailed failed(JudgeOutcome outcome) {
        return assertInstanceOf(JudgeOutcome.JudgeFailed.class, outcome, outcome.toString());
    }

    private static JudgeOutcome.Judged judged(JudgeOutcome outcome) {
        return assertInstanceOf(JudgeOutcome.Judged.class, outcome, outcome.toString());
    }

    // ---- one judge ----

    @Test
    void should_score_one_when_the_judge_passes_every_criterion() {
        Task task = compound();
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(allPass(task));
        JudgeOutcome.Judged judged = judged(single(model).judge(gold(task), task, POLICY));
        assertEquals(1.0, judged.score());
        assertEquals(task.rubric().stream().map(Criterion::name).toList(), judged.verdicts().stream().map(CriterionVerdict::criterion).toList());
        assertTrue(judged.verdicts().stream().allMatch(CriterionVerdict::passed));
        assertEquals("all " + task.rubric().size() + " criteria passed", judged.rationale());
        assertEquals("test/judge", judged.judgeModel());
        assertEquals(new Usage(1, ScriptedJudgeModel.INPUT_TOKENS, ScriptedJudgeModel.OUTPUT_TOKENS), judged.usage());
    }

    @Test
    void should_score_below_one_and_give_the_failed_criterions_reason_as_rationale() {
        Task task = compound();
        Criterion failing = task.rubric().get(1);
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(verdicts(task, Map.of(failing.name(), "The agent never asked for confirmation.")));
        JudgeOutcome.Judged judged = judged(single(model).judge(gold(task), task, POLICY));
        int n = task.rubric().size();
        assertEquals((n - 1) / (double) n, judged.score(), 1e-12);
        assertEquals(failing.name() + ": The agent never asked for confirmation.", judged.rationale());
        assertFalse(judged.verdicts().get(1).passed());
    }

    @Test
    void should_weigh_the_score_by_criterion_weight() {
        Task base = compound();
        List<Criterion> weighted = new ArrayList<>();
        for (int i = 0; i < base.rubric().size(); i++) {
            Criterion c = base.rubric().get(i);
            weighted.add(new Criterion(c.name(), c.text(), i == 0 ? 3.0 : 1.0));
        }
        Task task = new Task(base.id(), base.domain(), base.worldSeed(), base.scenario(), base.gold(), weighted);
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(verdicts(task, Map.of(weighted.getFirst().name(), "Not authenticated.")));
        double total = 3.0 + (weighted.size() - 1);
        assertEquals((total - 3.0) / total, judged(single(model).judge(gold(task), task, POLICY)).score(), 1e-12);
    }

    @Test
    void should_fail_to_judge_when_the_reply_misses_a_criterion_and_name_it() {
        Task task = compound();
        Criterion missing = task.rubric().getLast();
        List<Map<String, String>> entries = task.rubric().stream().filter(c -> c != missing).map(c -> entry(c.name(), "fine", "pass")).toList();
        JudgeOutcome.JudgeFailed failed = failed(single(new ScriptedJudgeModel().reply(json(entries))).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("missing criterion '" + missing.name() + "'"), failed.reason());
        assertEquals("invalid_verdict", failed.cause());
        assertEquals("test/judge", failed.judgeModel());
        assertEquals(1, failed.usage().calls());
    }

    @Test
    void should_fail_to_judge_a_criterion_judged_twice() {
        Task task = compound();
        List<Map<String, String>> entries = new ArrayList<>(task.rubric().stream().map(c -> entry(c.name(), "fine", "pass")).toList());
        entries.add(entry(task.rubric().getFirst().name(), "on second thought, no", "fail"));
        JudgeOutcome.JudgeFailed failed = failed(single(new ScriptedJudgeModel().reply(json(entries))).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("duplicate criterion '" + task.rubric().getFirst().name() + "'"), failed.reason());
    }

    @Test
    void should_fail_to_judge_a_criterion_the_rubric_does_not_have() {
        Task task = compound();
        List<Map<String, String>> entries = new ArrayList<>(task.rubric().stream().map(c -> entry(c.name(), "fine", "pass")).toList());
        entries.add(entry("politeness", "very polite", "pass"));
        JudgeOutcome.JudgeFailed failed = failed(single(new ScriptedJudgeModel().reply(json(entries))).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("unknown criterion 'politeness'"), failed.reason());
    }

    @Test
    void should_fail_to_judge_a_reply_that_is_not_json() {
        Task task = first("cancel");
        JudgeOutcome.JudgeFailed failed = failed(single(new ScriptedJudgeModel().reply("All criteria pass. Great job!")).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("not JSON"), failed.reason());
    }

    @Test
    void should_fail_to_judge_json_followed_by_commentary() {
        Task task = first("cancel");
        JudgeOutcome.JudgeFailed failed = failed(single(new ScriptedJudgeModel().reply(allPass(task) + "\nHope this helps!")).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("not JSON"), failed.reason());
    }

    @Test
    void should_never_read_an_empty_verdict_list_as_a_pass() {
        Task task = first("cancel");
        JudgeOutcome.JudgeFailed failed = failed(single(new ScriptedJudgeModel().reply("{\"verdicts\":[]}")).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("empty verdicts"), failed.reason());
    }

    @Test
    void should_fail_to_judge_when_the_model_throws_and_keep_the_exceptions_message() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().fail(new IllegalStateException("HTTP 429 rate limited"));
        JudgeOutcome.JudgeFailed failed = failed(single(model).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("HTTP 429 rate limited"), failed.reason());
        assertEquals("unclassified", failed.cause(), "nobody classified an IllegalStateException");
        assertEquals(new Usage(1, 0, 0), failed.usage());
    }

    @Test
    void should_accept_one_fenced_json_block_around_the_verdicts() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply("\n```json\n" + allPass(task) + "\n```\n");
        assertEquals(1.0, judged(single(model).judge(gold(task), task, POLICY)).score());
    }

    @Test
    void should_read_verdicts_regardless_of_case() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(allPass(task).replace("\"pass\"", "\"PASS\""));
        assertEquals(1.0, judged(single(model).judge(gold(task), task, POLICY)).score());
    }

    @Test
    void should_fail_to_judge_a_task_without_rubric_without_calling_the_model() {
        Task base = first("cancel");
        Task bare = new Task(base.id(), base.domain(), base.worldSeed(), base.scenario(), base.gold(), List.of());
        ScriptedJudgeModel model = new ScriptedJudgeModel().always("{}");
        failed(single(model).judge(gold(base), bare, POLICY));
        assertEquals(0, model.calls());
    }

    @Test
    void should_refuse_to_judge_a_trajectory_against_another_task() {
        ScriptedJudgeModel model = new ScriptedJudgeModel().always("{}");
        assertThrows(IllegalArgumentException.class, () -> single(model).judge(gold(first("cancel")), first("return"), POLICY));
    }

    // ---- the request ----

    @Test
    void should_put_the_policy_the_goal_and_every_criterion_text_in_the_prompt() {
        Task task = compound();
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(allPass(task));
        single(model).judge(gold(task), task, POLICY);
        String prompt = model.systemPrompt(0);
        assertTrue(prompt.contains(task.scenario().instructions().strip()), "goal missing");
        assertTrue(prompt.contains(POLICY.strip()), "policy missing");
        for (Criterion c : task.rubric()) {
            assertTrue(prompt.contains(c.name() + ": " + c.text()), "criterion missing: " + c.name());
        }
        assertFalse(prompt.contains("{{"), "unfilled placeholder");
        assertEquals("Judge the transcript.", ((UserMessage) model.requests.getFirst().messages().get(1)).singleText());
        assertEquals(2, model.requests.getFirst().messages().size());
    }

    @Test
    void should_show_the_transcript_without_the_system_message_and_with_tool_calls() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(allPass(task));
        single(model).judge(gold(task), task, POLICY);
        String prompt = model.systemPrompt(0);
        String transcript = prompt.substring(prompt.indexOf("<transcript>"), prompt.indexOf("</transcript>"));
        assertFalse(transcript.contains(POLICY.strip().substring(0, 80)), "the policy appears once, outside the transcript");
        var firstWrite = task.goldActions().stream().filter(a -> WORLD.writeTools().contains(a.name())).findFirst().orElseThrow();
        assertTrue(transcript.contains(firstWrite.name() + "(" + firstWrite.argumentsJson() + ")"), transcript);
    }

    @Test
    void should_request_the_json_schema_only_from_a_model_that_declares_it() {
        Task task = compound();
        ScriptedJudgeModel plain = new ScriptedJudgeModel().reply(allPass(task));
        ScriptedJudgeModel structured = ScriptedJudgeModel.withJsonSchema().reply(allPass(task));
        judged(single(plain).judge(gold(task), task, POLICY));
        judged(single(structured).judge(gold(task), task, POLICY));

        ChatRequest plainRequest = plain.requests.getFirst();
        assertTrue(plainRequest.responseFormat() == null || plainRequest.responseFormat().jsonSchema() == null, plainRequest.toString());

        var format = structured.requests.getFirst().responseFormat();
        assertEquals(ResponseFormatType.JSON, format.type());
        assertEquals("rubric_verdicts", format.jsonSchema().name());
        JsonObjectSchema root = (JsonObjectSchema) format.jsonSchema().rootElement();
        assertEquals(List.of("verdicts"), root.required());
        JsonObjectSchema entry = (JsonObjectSchema) ((JsonArraySchema) root.properties().get("verdicts")).items();
        assertEquals(List.of("criterion", "reason", "verdict"), List.copyOf(entry.properties().keySet()), "reason comes before the verdict");
        assertEquals(task.rubric().stream().map(Criterion::name).toList(), ((JsonEnumSchema) entry.properties().get("criterion")).enumValues());
        assertEquals(List.of("pass", "fail"), ((JsonEnumSchema) entry.properties().get("verdict")).enumValues());
    }

    // ---- ensembles ----

    private static RubricJudge ensemble(ScriptedJudgeModel... models) {
        List<RubricJudge.JudgeModel> judges = new ArrayList<>();
        for (int i = 0; i < models.length; i++) judges.add(new RubricJudge.JudgeModel(models[i], "judge" + (char) ('a' + i)));
        return new RubricJudge(judges);
    }

    @Test
    void should_decide_each_criterion_by_the_majority_of_three_judges() {
        Task task = compound();
        String c0 = task.rubric().get(0).name();
        String c1 = task.rubric().get(1).name();
        ScriptedJudgeModel a = new ScriptedJudgeModel().reply(verdicts(task, Map.of(c0, "a says no")));
        ScriptedJudgeModel b = new ScriptedJudgeModel().reply(verdicts(task, Map.of(c1, "b says no")));
        ScriptedJudgeModel c = new ScriptedJudgeModel().reply(verdicts(task, Map.of(c1, "c says no")));
        JudgeOutcome.Judged judged = judged(ensemble(a, b, c).judge(gold(task), task, POLICY));
        assertTrue(judged.verdicts().get(0).passed(), "2 of 3 passed " + c0);
        assertFalse(judged.verdicts().get(1).passed(), "2 of 3 failed " + c1);
        assertTrue(judged.verdicts().get(1).reason().contains("b says no") && judged.verdicts().get(1).reason().contains("c says no"));
        int n = task.rubric().size();
        assertEquals((n - 1) / (double) n, judged.score(), 1e-12);
        assertEquals("judgea+judgeb+judgec", judged.judgeModel());
        assertEquals(new Usage(3, 3L * ScriptedJudgeModel.INPUT_TOKENS, 3L * ScriptedJudgeModel.OUTPUT_TOKENS), judged.usage());
    }

    @Test
    void should_fail_a_criterion_on_which_the_judges_tie_and_say_so() {
        Task task = compound();
        String c0 = task.rubric().get(0).name();
        ScriptedJudgeModel a = new ScriptedJudgeModel().reply(verdicts(task, Map.of(c0, "a says no")));
        ScriptedJudgeModel b = new ScriptedJudgeModel().reply(allPass(task));
        JudgeOutcome.Judged judged = judged(ensemble(a, b).judge(gold(task), task, POLICY));
        CriterionVerdict tied = judged.verdicts().getFirst();
        assertFalse(tied.passed());
        assertTrue(tied.reason().contains("tie"), tied.reason());
        assertTrue(judged.rationale().contains(c0), judged.rationale());
    }

    @Test
    void should_break_a_tie_among_the_answering_judges_conservatively_when_one_of_three_failed() {
        Task task = compound();
        String c0 = task.rubric().get(0).name();
        ScriptedJudgeModel a = new ScriptedJudgeModel().reply(verdicts(task, Map.of(c0, "a says no")));
        ScriptedJudgeModel b = new ScriptedJudgeModel().reply("not json");
        ScriptedJudgeModel c = new ScriptedJudgeModel().reply(allPass(task));
        JudgeOutcome.Judged judged = judged(ensemble(a, b, c).judge(gold(task), task, POLICY));
        assertFalse(judged.verdicts().getFirst().passed());
        assertTrue(judged.verdicts().subList(1, judged.verdicts().size()).stream().allMatch(CriterionVerdict::passed));
    }

    /** A model failure the layer below classified, as the collector's model calls are. */
    private static final class ClassifiedCallFailure extends RuntimeException implements dev.trajforge.simenv.ClassifiedFailure {
        ClassifiedCallFailure(String message) {
            super(message);
        }

        @Override
        public String failureClass() {
            return "timeout";
        }
    }

    @Test
    void should_keep_the_cause_class_of_a_classified_model_failure_when_the_judge_model_fails() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().fail(new RuntimeException("gave up", new ClassifiedCallFailure("read timed out")));
        JudgeOutcome.JudgeFailed failed = failed(single(model).judge(gold(task), task, POLICY));
        assertEquals("timeout", failed.cause());
    }

    @Test
    void should_class_an_empty_judge_reply_as_empty_response() {
        Task task = first("cancel");
        assertEquals("empty_response", failed(single(new ScriptedJudgeModel().reply(" ")).judge(gold(task), task, POLICY)).cause());
    }

    @Test
    void should_fail_to_judge_when_two_of_three_judges_fail() {
        Task task = compound();
        ScriptedJudgeModel a = new ScriptedJudgeModel().fail(new RuntimeException("connection reset"));
        ScriptedJudgeModel b = new ScriptedJudgeModel().reply(allPass(task));
        ScriptedJudgeModel c = new ScriptedJudgeModel().reply("{\"verdicts\":[]}");
        JudgeOutcome.JudgeFailed failed = failed(ensemble(a, b, c).judge(gold(task), task, POLICY));
        assertTrue(failed.reason().contains("only 1 of 3 judges"), failed.reason());
        assertTrue(failed.reason().contains("judgea: model call failed: RuntimeException: connection reset"), failed.reason());
        assertTrue(failed.reason().contains("judgec: empty verdicts"), failed.reason());
        assertEquals("unclassified", failed.cause(), "the first failure's cause");
        assertEquals(3, failed.usage().calls());
    }

    @Test
    void should_stop_calling_judges_once_a_majority_can_no_longer_answer() {
        Task task = compound();
        ScriptedJudgeModel a = new ScriptedJudgeModel().reply("nope");
        ScriptedJudgeModel b = new ScriptedJudgeModel().reply("nope");
        ScriptedJudgeModel c = new ScriptedJudgeModel().always(allPass(task));
        failed(ensemble(a, b, c).judge(gold(task), task, POLICY));
        assertEquals(0, c.calls());
    }

    @Test
    void should_need_both_judges_of_two() {
        Task task = compound();
        ScriptedJudgeModel a = new ScriptedJudgeModel().reply(allPass(task));
        ScriptedJudgeModel b = new ScriptedJudgeModel().reply("nope");
        failed(ensemble(a, b).judge(gold(task), task, POLICY));
    }

    // ---- cache ----

    @Test
    void should_not_call_the_model_again_for_a_trajectory_already_judged() {
        Task task = compound();
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(allPass(task));
        RubricJudge judge = single(model);
        JudgeOutcome.Judged firstTime = judged(judge.judge(gold(task), task, POLICY));
        JudgeOutcome.Judged again = judged(judge.judge(gold(task), task, POLICY));
        assertEquals(1, model.calls());
        assertEquals(firstTime.verdicts(), again.verdicts());
        assertEquals(firstTime.score(), again.score());
        assertEquals(Usage.NONE, again.usage(), "a cache hit spends nothing");
    }

    @Test
    void should_key_the_cache_by_judge_label() {
        Task task = compound();
        JudgeCache cache = new JudgeCache();
        ScriptedJudgeModel model = new ScriptedJudgeModel().always(allPass(task));
        new RubricJudge(List.of(new RubricJudge.JudgeModel(model, "test/one")), cache).judge(gold(task), task, POLICY);
        new RubricJudge(List.of(new RubricJudge.JudgeModel(model, "test/two")), cache).judge(gold(task), task, POLICY);
        new RubricJudge(List.of(new RubricJudge.JudgeModel(model, "test/one")), cache).judge(gold(task), task, POLICY);
        assertEquals(2, model.calls());
        assertEquals(2, cache.size());
    }

    @Test
    void should_judge_a_different_trajectory_of_the_same_task_afresh() {
        Task task = first("return");
        ScriptedJudgeModel model = new ScriptedJudgeModel().always(allPass(task));
        RubricJudge judge = single(model);
        judge.judge(gold(task), task, POLICY);
        judge.judge(GoldConversation.of(WORLD, task).withoutFacts().build(), task, POLICY);
        assertEquals(2, model.calls());
    }

    @Test
    void should_not_cache_a_failure_to_judge() {
        Task task = compound();
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply("garbled").reply(allPass(task));
        RubricJudge judge = single(model);
        failed(judge.judge(gold(task), task, POLICY));
        judged(judge.judge(gold(task), task, POLICY));
        assertEquals(2, model.calls());
    }

    @Test
    void should_judge_from_many_virtual_threads_at_once() throws Exception {
        List<Task> tasks = WORLD.tasks(40);
        ScriptedJudgeModel model = new ScriptedJudgeModel().answering(prompt -> allPass(tasks.stream()
                .filter(t -> prompt.contains(t.scenario().instructions().strip()) && prompt.contains(RubricJudge.criteria(t.rubric())))
                .findFirst().orElseThrow()));
        RubricJudge judge = single(model);
        List<Future<JudgeOutcome>> outcomes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 3; round++) {
                for (Task task : tasks) outcomes.add(pool.submit(() -> judge.judge(gold(task), task, POLICY)));
            }
        }
        for (Future<JudgeOutcome> outcome : outcomes) assertEquals(1.0, judged(outcome.get()).score());
        assertTrue(model.calls() >= tasks.size() && model.calls() <= 3 * tasks.size(), "calls: " + model.calls());
    }

    @Test
    void should_publish_the_sha256_of_the_prompt_resource() throws java.io.IOException {
        try (var in = RubricJudge.class.getResourceAsStream("/prompts/judge-rubric.md")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(dev.trajforge.simenv.Hashing.sha256Hex(text), RubricJudge.PROMPT.sha256());
            for (String placeholder : List.of("{{policy}}", "{{goal}}", "{{criteria}}", "{{transcript}}")) assertTrue(text.contains(placeholder), placeholder);
        }
    }
}
