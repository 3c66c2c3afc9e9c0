package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/** Whether one value satisfies one (self-contained) JSON Schema, formats asserted as the packs' entity schemas assert them. */
final class ValueCheck {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private ValueCheck() {
    }

    static boolean valid(JsonNode schema, JsonNode value) {
        if (schema == null || schema.isMissingNode()) return true;
        return FACTORY.getSchema(schema, CONFIG).validate(value).isEmpty();
    }
}
