package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.PromptResource;
import org.apache.commons.text.StringSubstitutor;

import java.util.Map;
import java.util.Objects;

/**
 * The prompt of one stage, a resource ({@code /prompts/synth-<stage>.md}) with {@code ${name}} placeholders, and the
 * JSON Schema its answer must meet ({@code /prompts/synth-<stage>.schema.json}), which the prompt shows the model as
 * {@code ${answer_schema}}. The item's input is shown as {@code ${input}} (canonical JSON, so one input is one prompt).
 */
final class StagePrompt {
    private final String stage;
    private final PromptResource template;
    private final AnswerSchema schema;

    private StagePrompt(String stage, PromptResource template, AnswerSchema schema) {
        this.stage = stage;
        this.template = template;
        this.schema = schema;
    }

    static StagePrompt load(String stage) {
        PromptResource template = PromptResource.load(StagePrompt.class, "/prompts/synth-" + stage + ".md");
        return new StagePrompt(stage, template, AnswerSchema.load("/prompts/synth-" + stage + ".schema.json"));
    }

    String stage() {
        return stage;
    }

    PromptResource template() {
        return template;
    }

    AnswerSchema schema() {
        return schema;
    }

    /** The prompt for one item: {@code input} and {@code values} filled in; a placeholder left unnamed is a bug. */
    String render(JsonNode input, Map<String, Object> values) {
        Objects.requireNonNull(input, "input");
        java.util.Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("input", CanonicalJson.write(CanonicalJson.sorted(input)));
        all.put("answer_schema", schema.text());
        StringSubstitutor substitutor = new StringSubstitutor(all);
        substitutor.setEnableUndefinedVariableException(true);
        return substitutor.replace(template.text());
    }
}
