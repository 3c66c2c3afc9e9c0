package dev.trajforge.judge;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.ClassifiedFailure;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM rubric judge: shows one or more judge models the policy, the user's goal, the task's rubric
 * and the transcript ({@code prompts/judge-rubric.md}), and reads back one pass/fail verdict per
 * criterion, strictly. With several judges, each criterion goes by majority among the judges that
 * answered usably; a tie fails the criterion; if fewer than a strict majority of the judges answered,
 * the outcome is {@link JudgeOutcome.JudgeFailed}. Judgements are cached, failures are not.
 * Thread-safe: one instance serves every episode of a run.
 */
public final class RubricJudge {
    public static final PromptResource PROMPT = PromptResource.load(RubricJudge.class, "/prompts/judge-rubric.md");
    static final String USER_TURN = "Judge the transcript.";
    static final String SCHEMA_NAME = "rubric_verdicts";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    /** One judge model and the {@code provider/model} label recorded with its verdicts. */
    public record JudgeModel(ChatModel model, String label) {
        public JudgeModel {
            Objects.requireNonNull(model, "judge model");
            if (label == null || label.isBlank()) throw new IllegalArgumentException("judge model label is blank");
        }
    }

    private final List<JudgeModel> judges;
    private final String label;
    private final JudgeCache cache;

    public RubricJudge(List<JudgeModel> judges) {
        this(judges, new JudgeCache());
    }

    RubricJudge(List<JudgeModel> judges, JudgeCache cache) {
        this.judges = List.copyOf(judges);
        if (this.judges.isEmpty()) throw new IllegalArgumentException("a rubric judge needs at least one judge model");
        this.label = String.join("+", this.judges.stream().map(JudgeModel::label).toList());
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The judges' labels joined with "+", as recorded in {@code judgeModel}. */
    public String judgeModel() {
        return label;
    }

    public JudgeOutcome judge(Trajectory trajectory, Task task, String policyText) {
        Objects.requireNonNull(policyText, "policyText");
        if (!trajectory.taskId().equals(task.id())) {
            throw new IllegalArgumentException("trajectory " + trajectory.id() + " is for task " + trajectory.taskId() + ", not " + task.id());
        }
        List<Criterion> rubric = task.rubric();
        if (rubric.isEmpty()) return new JudgeOutcome.JudgeFailed(JudgeOutcome.JudgeFailed.BAD_RUBRIC, "task " + task.id() + " has no rubric criteria", label, Usage.NONE);
        Set<String> names = new HashSet<>();
        for (Criterion criterion : rubric) {
            if (!names.add(criterion.name())) {
                return new JudgeOutcome.JudgeFailed(JudgeOutcome.JudgeFailed.BAD_RUBRIC,
                        "task " + task.id() + " names rubric criterion '" + criterion.name() + "' twice", label, Usage.NONE);
            }
        }

        JudgeCache.Key key = new JudgeCache.Key(JudgeCache.contentHash(trajectory), PROMPT.sha256(), label, inputsHash(task, policyText));
        var cached = cache.get(key);
        if (cached.isPresent()) return cached.get().withUsage(Usage.NONE);

        String prompt = render(PROMPT.text(), Map.of("policy", policyText.strip(), "goal", task.scenario().instructions().strip(),
                "criteria", criteria(rubric), "transcript", TranscriptRenderer.render(trajectory)));
        JudgeOutcome outcome = ensemble(prompt, rubric);
        if (outcome instanceof JudgeOutcome.Judged judged) cache.put(key, judged);
        return outcome;
    }

    private JudgeOutcome ensemble(String prompt, List<Criterion> rubric) {
        int needed = judges.size() / 2 + 1;
        List<Answered> answered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String firstCause = null;
        Usage usage = Usage.NONE;
        for (JudgeModel judge : judges) {
            if (failures.size() > judges.size() - needed) break; // a majority can no longer answer: spend nothing more
            Attempt attempt = ask(judge, request(judge, prompt, rubric), rubric);
            usage = usage.plus(attempt.usage());
            switch (attempt) {
                case Answered a -> answered.add(a);
                case Failed f -> {
                    failures.add(judge.label() + ": " + f.reason());
                    if (firstCause == null) firstCause = f.cause();
                }
            }
        }
        if (answered.size() < needed) {
            String why = String.join("; ", failures);
            return new JudgeOutcome.JudgeFailed(firstCause == null ? ClassifiedFailure.UNCLASSIFIED : firstCause, judges.size() == 1 ? "judge " + why
                    : "only " + answered.size() + " of " + judges.size() + " judges gave a usable verdict (" + needed + " needed): " + why,
                    label, usage);
        }
        List<CriterionVerdict> verdicts = rubric.stream().map(c -> vote(c.name(), answered)).toList();
        return judged(rubric, verdicts, usage);
    }

    private static CriterionVerdict vote(String criterion, List<Answered> answered) {
        if (answered.size() == 1) return answered.getFirst().verdict(criterion);
        List<String> passReasons = new ArrayList<>();
        List<String> failReasons = new ArrayList<>();
        for (Answered a : answered) {
            CriterionVerdict v = a.verdict(criterion);
            (v.passed() ? passReasons : failReasons).add("[" + a.judge().label() + "] " + v.reason());
        }
        int pass = passReasons.size();
        int fail = failReasons.size();
        if (pass == fail) {
            List<String> all = new ArrayList<>(failReasons);
            all.addAll(passReasons);
            return new CriterionVerdict(criterion, "judges split " + pass + "-" + fail + "; a tie fails the criterion: " + String.join(" ", all), false);
        }
        boolean passed = pass > fail;
        String reasons = String.join(" ", passed ? passReasons : failReasons);
        return new CriterionVerdict(criterion, (passed ? pass : fail) + " of " + answered.size() + " judges " + (passed ? "passed" : "failed") + " it: " + reasons, passed);
    }

    private JudgeOutcome.Judged judged(List<Criterion> rubric, List<CriterionVerdict> verdicts, Usage usage) {
        double total = 0;
        double passed = 0;
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < rubric.size(); i++) {
            total += rubric.get(i).weight();
            CriterionVerdict verdict = verdicts.get(i);
            if (verdict.passed()) passed += rubric.get(i).weight();
            else failed.add(verdict.criterion() + ": " + verdict.reason());
        }
        double score = Math.min(1.0, Math.max(0.0, passed / total));
        String rationale = failed.isEmpty() ? "all " + rubric.size() + " criteria passed" : String.join("\n", failed);
        return new JudgeOutcome.Judged(verdicts, score, rationale, label, usage);
    }

    private sealed interface Attempt {
        Usage usage();
    }

    private record Answered(JudgeModel judge, Map<String, CriterionVerdict> verdicts, Usage usage) implements Attempt {
        CriterionVerdict verdict(String criterion) {
            return verdicts.get(criterion);
        }
    }

    private record Failed(String cause, String reason, Usage usage) implements Attempt {
    }

    private static Attempt ask(JudgeModel judge, ChatRequest request, List<Criterion> rubric) {
        ChatResponse response;
        try {
            response = judge.model().chat(request);
        } catch (RuntimeException e) {
            return new Failed(ClassifiedFailure.of(e), "model call failed: " + describe(e), new Usage(1, 0, 0));
        }
        if (response == null) return new Failed(JudgeOutcome.JudgeFailed.EMPTY_RESPONSE, "model returned no response", new Usage(1, 0, 0));
        Usage usage = usageOf(response.tokenUsage());
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return switch (VerdictParser.parse(text, rubric)) {
            case VerdictParser.Invalid invalid -> new Failed(text == null || text.isBlank() ? JudgeOutcome.JudgeFailed.EMPTY_RESPONSE
                    : JudgeOutcome.JudgeFailed.INVALID_VERDICT, invalid.reason(), usage);
            case VerdictParser.Parsed parsed -> {
                Map<String, CriterionVerdict> byName = new java.util.HashMap<>();
                parsed.verdicts().forEach(v -> byName.put(v.criterion(), v));
                yield new Answered(judge, byName, usage);
            }
        };
    }

    static ChatRequest request(JudgeModel judge, String prompt, List<Criterion> rubric) {
        ChatRequest.Builder request = ChatRequest.builder().messages(SystemMessage.from(prompt), UserMessage.from(USER_TURN));
        Set<Capability> capabilities = judge.model().supportedCapabilities();
        if (capabilities != null && capabilities.contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA)) request.responseFormat(responseFormat(rubric));
        return request.build();
    }

    /** {"verdicts":[{"criterion": one of the names, "reason": string, "verdict": "pass"|"fail"}]}, reason before verdict. */
    static ResponseFormat responseFormat(List<Criterion> rubric) {
        JsonObjectSchema entry = JsonObjectSchema.builder()
                .addProperty("criterion", JsonEnumSchema.builder().enumValues(rubric.stream().map(Criterion::name).toList()).build())
                .addStringProperty("reason")
                .addProperty("verdict", JsonEnumSchema.builder().enumValues("pass", "fail").build())
                .required("criterion", "reason", "verdict")
                .additionalProperties(false)
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("verdicts", JsonArraySchema.builder().items(entry).build())
                .required("verdicts")
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build())
                .build();
    }

    /** Fills {@code {{name}}} placeholders in one pass, so a value that itself contains "{{...}}" stays as it is. */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) throw new IllegalStateException("prompt placeholder {{" + matcher.group(1) + "}} has no value");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String criteria(List<Criterion> rubric) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rubric.size(); i++) {
            out.append(i + 1).append(". ").append(rubric.get(i).name()).append(": ").append(rubric.get(i).text().strip()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** What else the judgement depends on besides the transcript and the template: policy, goal, rubric (with weights, which set the score). */
    private static String inputsHash(Task task, String policyText) {
        StringBuilder inputs = new StringBuilder(policyText).append('\u0000').append(task.scenario().instructions());
        for (Criterion c : task.rubric()) {
            inputs.append('\u0000').append(c.name()).append('\u0001').append(c.text()).append('\u0001').append(String.format(Locale.ROOT, "%s", c.weight()));
        }
        return Hashing.sha256Hex(inputs.toString());
    }

    private static Usage usageOf(TokenUsage tokens) {
        return Usage.ofCall(tokens);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getCause() != null) message = e.getCause().getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
