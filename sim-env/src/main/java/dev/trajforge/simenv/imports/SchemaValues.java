package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws a value a JSON Schema allows, from a seeded stream: {@code const}, an {@code enum} value or an example
 * where the schema gives them, else by type within its bounds ({@code minimum}, {@code maxLength}, {@code minItems},
 * ...), formats written as they must be (date-time before the world's clock, email, uri, uuid), and words that suit
 * the field ({@code name}, {@code email}, {@code phone}). Plain ASCII without quotes, so a value reads the same
 * inside a tool's JSON result. Every object property is filled to a depth of three, then only the required ones.
 */
final class SchemaValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> FIRST = List.of("Ava", "Noah", "Mia", "Liam", "Zoe", "Omar", "Lena", "Kai", "Nora", "Ivan", "Sara", "Yuki",
            "Diego", "Priya", "Hana", "Leo", "Amara", "Felix", "Ines", "Tariq");
    private static final List<String> LAST = List.of("Garcia", "Okafor", "Schmidt", "Tanaka", "Rossi", "Novak", "Silva", "Khan", "Berg", "Moreau",
            "Kowalski", "Haddad", "Lindqvist", "Mensah", "Ortiz", "Park");
    private static final List<String> WORDS = List.of("amber", "birch", "cobalt", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper",
            "kestrel", "lumen", "maple", "nimbus", "onyx", "pepper", "quartz", "russet", "saffron", "tundra");

    private final Instant clock;

    SchemaValues(Instant clock) {
        this.clock = clock;
    }

    JsonNode value(JsonNode schema, String field, SplittableRandom rng) {
        return value(schema, field, rng, 0);
    }

    private JsonNode value(JsonNode schema, String field, SplittableRandom rng, int depth) {
        if (schema.has("const")) return schema.get("const").deepCopy();
        if (schema.path("enum").size() > 0) return pick(schema.get("enum"), rng).deepCopy();
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.path(choice).size() > 0) return value(pick(schema.get(choice), rng), field, rng, depth);
        }
        String type = type(schema);
        boolean nameLike = field.toLowerCase(Locale.ROOT).contains("name");
        if (schema.path("examples").size() > 0 && !type.equals("object") && !type.equals("array") && !(type.equals("string") && nameLike)) {
            return pick(schema.get("examples"), rng).deepCopy();
        }
        return switch (type) {
            case "integer" -> F.numberNode(integer(schema, rng));
            case "number" -> F.numberNode(BigDecimal.valueOf(integer(schema, rng) * 100 + rng.nextInt(100), 2).setScale(2, RoundingMode.HALF_UP));
            case "boolean" -> F.booleanNode(rng.nextBoolean());
            case "null" -> F.nullNode();
            case "array" -> array(schema, field, rng, depth);
            case "object" -> object(schema, rng, depth);
            default -> F.textNode(bounded(schema, text(schema, field, rng)));
        };
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) if (!one.asText().equals("null")) return one.asText();
            return "null";
        }
        if (type.isTextual()) return type.asText();
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private static long integer(JsonNode schema, SplittableRandom rng) {
        long lo = schema.has("minimum") ? schema.get("minimum").asLong() : schema.has("exclusiveMinimum") ? schema.get("exclusiveMinimum").asLong() + 1 : 1;
        long hi = schema.has("maximum") ? schema.get("maximum").asLong() : schema.has("exclusiveMaximum") ? schema.get("exclusiveMaximum").asLong() - 1 : lo + 99;
        if (hi < lo) hi = lo;
        long value = lo + rng.nextLong(hi - lo + 1);
        long step = schema.path("multipleOf").asLong(1);
        if (step > 1) value = Math.max(lo, value - Math.floorMod(value, step));
        return value;
    }

    private ArrayNode array(JsonNode schema, String field, SplittableRandom rng, int depth) {
        ArrayNode array = F.arrayNode();
        int least = schema.path("minItems").asInt(1);
        int most = Math.max(least, Math.min(schema.path("maxItems").asInt(2), 2));
        int count = least + rng.nextInt(most - least + 1);
        JsonNode items = schema.path("items").isObject() ? schema.get("items") : F.objectNode().put("type", "string");
        for (int i = 0, tries = 0; array.size() < count && tries < count * 5; tries++) {
            JsonNode item = value(items, field, rng, depth + 1);
            if (!schema.path("uniqueItems").asBoolean(false) || !contains(array, item)) array.add(item);
        }
        return array;
    }

    private ObjectNode object(JsonNode schema, SplittableRandom rng, int depth) {
        ObjectNode object = F.objectNode();
        JsonNode properties = schema.path("properties");
        java.util.Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        properties.fields().forEachRemaining(property -> {
            if (depth < 3 || required.contains(property.getKey())) object.set(property.getKey(), value(property.getValue(), property.getKey(), rng, depth + 1));
        });
        return object;
    }

    private String text(JsonNode schema, String field, SplittableRandom rng) {
        String lower = field.toLowerCase(Locale.ROOT);
        String format = schema.path("format").asText("");
        String first = pick(FIRST, rng);
        String last = pick(LAST, rng);
        return switch (format) {
            case "date-time" -> clock.minus(rng.nextInt(1, 365 * 24 * 4) * 15L, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES).toString();
            case "date" -> clock.minus(rng.nextInt(1, 365), ChronoUnit.DAYS).toString().substring(0, 10);
            case "time" -> String.format(Locale.ROOT, "%02d:%02d:00", rng.nextInt(24), rng.nextInt(4) * 15);
            case "email", "idn-email" -> email(first, last, rng);
            case "uri", "url", "uri-reference", "iri" -> "https://example.com/" + lower.replaceAll("[^a-z0-9]+", "-") + "/" + rng.nextInt(1000, 10000);
            case "uuid" -> new java.util.UUID(rng.nextLong(), rng.nextLong()).toString();
            case "ipv4" -> "10." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + rng.nextInt(1, 255);
            case "hostname" -> pick(WORDS, rng) + ".example.com";
            default -> byName(lower, first, last, rng);
        };
    }

    private static String byName(String field, String first, String last, SplittableRandom rng) {
        if (field.contains("email")) return email(first, last, rng);
        if (field.contains("username") || field.equals("login") || field.equals("handle")) return first.toLowerCase(Locale.ROOT) + rng.nextInt(10, 100);
        if (field.contains("lastname") || field.contains("last_name") || field.contains("surname") || field.contains("family")) return last;
        if (field.contains("firstname") || field.contains("first_name") || field.contains("given")) return first;
        if (field.contains("name")) return field.equals("name") || field.contains("full") ? first + " " + last : pick(WORDS, rng) + " " + rng.nextInt(1, 100);
        if (field.contains("phone")) return "+1 555 " + rng.nextInt(100, 1000) + " " + rng.nextInt(1000, 10000);
        if (field.contains("password") || field.contains("secret") || field.contains("token")) return "pw-" + Long.toHexString(rng.nextLong() & 0xffffffL);
        if (field.contains("url") || field.contains("uri") || field.contains("link")) return "https://example.com/" + pick(WORDS, rng) + "/" + rng.nextInt(1000, 10000);
        if (field.contains("description") || field.contains("text") || field.contains("content") || field.contains("observation") || field.contains("note")) {
            return "Note about " + pick(WORDS, rng) + " " + pick(WORDS, rng) + " number " + rng.nextInt(1, 1000);
        }
        return pick(WORDS, rng) + "-" + rng.nextInt(10, 1000);
    }

    private static String email(String first, String last, SplittableRandom rng) {
        return (first + "." + last).toLowerCase(Locale.ROOT) + rng.nextInt(1, 100) + "@example.com";
    }

    private static String bounded(JsonNode schema, String text) {
        StringBuilder out = new StringBuilder(text);
        int least = schema.path("minLength").asInt(0);
        while (out.length() < least) out.append('x');
        int most = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return out.length() > most ? out.substring(0, most) : out.toString();
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode one : array) if (one.equals(item)) return true;
        return false;
    }

    private static JsonNode pick(JsonNode array, SplittableRandom rng) {
        return array.get(rng.nextInt(array.size()));
    }

    private static <T> T pick(List<T> list, SplittableRandom rng) {
        return list.get(rng.nextInt(list.size()));
    }
}
