package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.trajforge.simenv.PromptResource;

import java.util.List;
import java.util.TreeSet;

/** The JSON Schema (draft 2020-12) a stage's answer must meet, checked with the networknt validator. */
final class AnswerSchema {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final String text;
    private final JsonSchema schema;

    private AnswerSchema(String text, JsonSchema schema) {
        this.text = text;
        this.schema = schema;
    }

    static AnswerSchema load(String resource) {
        String text = PromptResource.load(AnswerSchema.class, resource).text();
        return new AnswerSchema(text, FACTORY.getSchema(text));
    }

    String text() {
        return text;
    }

    /** What breaks the schema, one line per problem in a stable order ({@code $.tools[1].kind: does not have a value in the enumeration [read, write]}). */
    List<String> problems(JsonNode answer) {
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : schema.validate(answer)) problems.add(message.getMessage());
        return List.copyOf(problems);
    }
}
