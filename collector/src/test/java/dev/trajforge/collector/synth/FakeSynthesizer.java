package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.provider.OpenAiReply;
import dev.trajforge.collector.provider.RecordedRequest;
import dev.trajforge.collector.provider.Reply;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Plays the synthesizer behind a {@code FakeOpenAiServer}, answering from the request's content alone: the stage
 * ({@code Stage: tools}) and the input JSON of the prompt. Two categories (when asked for them): {@code commerce} gives
 * {@code pet_supply_orders} and its near-duplicate {@code pet_supplies_orders}; {@code travel} gives
 * {@code hotel_front_desk} and {@code car_rental_counter}. Every domain gets four tools on one collection, one of them
 * ({@code get_<entity>_details}) a near-duplicate of {@code get_<entity>}; five entities; three tasks (a look-up, a
 * status change, a note). The first tools answer for {@code hotel_front_desk} is wrong on purpose (a read tool that
 * updates), so it is re-asked; and with {@link #refusing} every tasks answer is wrong, so that stage fails.
 */
public final class FakeSynthesizer implements Function<RecordedRequest, Reply> {
    public static final Set<String> PACKS = Set.of("pet_supply_orders", "hotel_front_desk", "car_rental_counter");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** domain -> {collection, key field, key prefix, entity word} */
    private static final Map<String, String[]> NOUNS = Map.of(
            "pet_supply_orders", new String[]{"orders", "order_id", "ORD", "order"},
            "pet_supplies_orders", new String[]{"orders", "order_id", "ORD", "order"},
            "hotel_front_desk", new String[]{"reservations", "reservation_id", "RES", "reservation"},
            "car_rental_counter", new String[]{"rentals", "rental_id", "RNT", "rental"});

    private final AtomicInteger answered = new AtomicInteger();
    private final String failingTasksOf;

    private FakeSynthesizer(String failingTasksOf) {
        this.failingTasksOf = failingTasksOf;
    }

    public static FakeSynthesizer valid() {
        return new FakeSynthesizer(null);
    }

    /** Every tasks answer for {@code domain} breaks the checks (a step calls a tool that does not exist). */
    public static FakeSynthesizer refusing(String domain) {
        return new FakeSynthesizer(domain);
    }

    public int answered() {
        return answered.get();
    }

    @Override
    public Reply apply(RecordedRequest request) {
        answered.incrementAndGet();
        JsonNode messages = request.json().get("messages");
        String prompt = messages.get(0).path("content").asText();
        boolean reasked = messages.size() > 1;
        String stage = line(prompt, "Stage: ");
        JsonNode input = read(prompt.substring(prompt.indexOf("Input:\n") + 7).lines().findFirst().orElseThrow());
        ObjectNode answer = switch (stage) {
            case "categories" -> categories();
            case "domains" -> domains(input.get("category").asText());
            case "tools" -> tools(input.path("domain").path("name").asText(), reasked);
            case "entities" -> entities(input.path("domain").path("name").asText(), input.path("count").asInt());
            case "tasks" -> tasks(input.path("domain").path("name").asText());
            default -> throw new IllegalArgumentException("no stage in the prompt: " + prompt);
        };
        return OpenAiReply.text("```json\n" + answer.toPrettyString() + "\n```").usage(400, 200);
    }

    private static ObjectNode categories() {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode categories = answer.putArray("categories");
        categories.addObject().put("name", "commerce").put("description", "Shops and their orders.");
        categories.addObject().put("name", "travel").put("description", "Trips, stays and rentals.");
        return answer;
    }

    private static ObjectNode domains(String category) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode domains = answer.putArray("domains");
        if (category.equals("commerce")) {
            domain(domains, "pet_supply_orders", "Orders of a pet supply shop: customers order food and toys, and the shop confirms and ships them.");
            domain(domains, "pet_supplies_orders", "Orders of a pet supplies shop: customers order food and toys, and the shop confirms and ships them.");
        } else {
            domain(domains, "hotel_front_desk", "The front desk of a city hotel: guests book rooms, change and cancel reservations.");
            domain(domains, "car_rental_counter", "A car rental counter at an airport: customers rent cars and return them.");
        }
        return answer;
    }

    private static void domain(ArrayNode domains, String name, String description) {
        domains.addObject().put("name", name).put("description", description);
    }

    private static ObjectNode tools(String domain, boolean reasked) {
        String[] noun = NOUNS.get(domain);
        String collection = noun[0];
        String key = noun[1];
        String word = noun[3];
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode tools = answer.putArray("tools");
        tool(tools, "get_" + word, "read", "Look up one " + word + " by its id and return it.", collection, "read", key, params(key), entityOutput(key));
        ObjectNode status = params(key);
        status.with("properties").putObject("status").put("type", "string").put("description", "the new status")
                .putArray("enum").add("open").add("confirmed").add("cancelled");
        status.withArray("required").add("status");
        boolean brokenOnPurpose = domain.equals("hotel_front_desk") && !reasked;
        tool(tools, "update_" + word + "_status", brokenOnPurpose ? "read" : "write", "Change the status of one " + word + ".", collection, "update", key, status, entityOutput(key));
        ObjectNode note = params(key);
        note.with("properties").putObject("note").put("type", "string").put("description", "the note to keep");
        note.withArray("required").add("note");
        tool(tools, "set_" + word + "_note", "write", "Write a note on one " + word + " for the staff.", collection, "update", key, note, entityOutput(key));
        tool(tools, "get_" + word + "_details", "read", "Look up one " + word + " by its id and return it.", collection, "read", key, params(key), entityOutput(key));
        return answer;
    }

    private static ObjectNode params(String key) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject(key).put("type", "string").put("description", "the id, such as " + key.toUpperCase());
        schema.putArray("required").add(key);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode entityOutput(String key) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putArray("required").add(key);
        return schema;
    }

    private static void tool(ArrayNode tools, String name, String kind, String description, String collection, String action, String key,
                             ObjectNode parameters, ObjectNode output) {
        ObjectNode tool = tools.addObject().put("name", name).put("kind", kind).put("description", description);
        tool.set("parameters", parameters);
        tool.set("output", output);
        tool.putObject("simulation").put("collection", collection).put("action", action).put("key", key);
    }

    private static ObjectNode entities(String domain, int count) {
        String[] noun = NOUNS.get(domain);
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode collection = answer.putArray("collections").addObject().put("name", noun[0]).put("key", noun[1]);
        ObjectNode schema = collection.putObject("schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject(noun[1]).put("type", "string");
        properties.putObject("customer").put("type", "string");
        properties.putObject("status").put("type", "string").putArray("enum").add("open").add("confirmed").add("cancelled");
        properties.putObject("note").put("type", "string");
        properties.putObject("total").put("type", "number");
        schema.putArray("required").add(noun[1]).add("customer").add("status").add("note").add("total");
        schema.put("additionalProperties", false);
        ArrayNode entities = collection.putArray("entities");
        String[] customers = {"Ada Moss", "Ben Reed", "Cleo Stone", "Dev Vale", "Eli Wood", "Fay Moss", "Gus Reed"};
        for (int i = 0; i < count; i++) {
            entities.addObject().put(noun[1], noun[2] + "-" + (1001 + i)).put("customer", customers[i % customers.length])
                    .put("status", "open").put("note", "").put("total", 20 + 7.5 * i);
        }
        return answer;
    }

    private ObjectNode tasks(String domain) {
        String[] noun = NOUNS.get(domain);
        String key = noun[1];
        String word = noun[3];
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode tasks = answer.putArray("tasks");
        String first = noun[2] + "-1001";
        String second = noun[2] + "-1002";
        String third = noun[2] + "-1003";
        ObjectNode lookUp = task(tasks, "status_of_" + word, "know the status of " + word + " " + first, "The status was given correctly.");
        step(lookUp, "get_" + word, key, first, null, null);
        lookUp.withArray("facts").addObject().put("step", 0).put("field", "status");
        ObjectNode confirm = task(tasks, "confirm_" + word, "have " + word + " " + second + " confirmed", "The " + word + " was confirmed after a yes.");
        confirm.putObject("details").put("status", "The new status is confirmed.");
        step(confirm, "get_" + word, key, second, null, null);
        step(confirm, failingTasksOf != null && failingTasksOf.equals(domain) ? "approve_" + word : "update_" + word + "_status", key, second, "status", "confirmed");
        confirm.withArray("facts").addObject().put("step", 1).put("field", "status");
        ObjectNode note = task(tasks, "note_on_" + word, "put the note 'late arrival' on " + word + " " + third, "The note was written after a yes.");
        step(note, "get_" + word, key, third, null, null);
        step(note, "set_" + word + "_note", key, third, "note", "late arrival");
        note.withArray("facts").addObject().put("step", 1).put("field", "note");
        return answer;
    }

    private static ObjectNode task(ArrayNode tasks, String name, String ask, String criterion) {
        ObjectNode task = tasks.addObject().put("name", name).put("ask", ask);
        task.putArray("steps");
        task.putArray("facts");
        task.putArray("rubric").addObject().put("name", "outcome").put("text", criterion);
        return task;
    }

    private static void step(ObjectNode task, String tool, String key, String id, String field, String value) {
        ObjectNode args = task.withArray("steps").addObject().put("tool", tool).putObject("args").put(key, id);
        if (field != null) args.put(field, value);
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).strip())
                .orElseThrow(() -> new IllegalArgumentException("no '" + prefix + "' line in " + text));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("input is not JSON: " + json, e);
        }
    }
}
