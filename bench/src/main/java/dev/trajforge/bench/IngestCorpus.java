package dev.trajforge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic corpus of OpenAI chat JSONL support sessions for the ingest benchmark: a system prompt,
 * a customer who writes their email, phone, birth date, address, card or IBAN, tool calls that look the
 * customer up and change an order (JSON arguments with email, customer_name, address, phone) and tool
 * results with a customer record (name, email, phone, dob, address, orders), and the agent's replies.
 * Every value is synthetic, drawn from a fixed seed.
 */
final class IngestCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> FIRST = List.of("Maria", "James", "Aisha", "Lukas", "Sofia", "Chen", "Olivia",
            "Mateo", "Emma", "Noah", "Fatima", "Hiroshi", "Chloe", "Liam", "Amelia", "Ravi", "Ines", "Oscar");
    private static final List<String> LAST = List.of("Garcia", "Smith", "Khan", "Müller", "Rossi", "Wang", "Johnson",
            "Dubois", "Nguyen", "Kowalski", "Silva", "Tanaka", "Brown", "Okafor", "Jensen", "Haverford");
    private static final List<String> PRODUCTS = List.of("Water Bottle", "Desk Lamp", "Wireless Earbuds", "Hiking Boots",
            "Mechanical Keyboard", "T-Shirt", "Coffee Maker", "Yoga Mat", "Backpack", "Office Chair");
    private static final List<String> REGIONS = List.of("US", "US", "US", "GB", "FR", "DE", "ES");
    private static final String SYSTEM = "You are a customer support agent for an online retailer. Verify the customer's "
            + "identity by email before changing an order. Be brief and polite; never reveal internal notes.";
    private static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"find_user_id_by_email\","
            + "\"description\":\"Find a user by email\",\"parameters\":{\"type\":\"object\",\"properties\":{\"email\":"
            + "{\"type\":\"string\"}},\"required\":[\"email\"]}}},{\"type\":\"function\",\"function\":{\"name\":"
            + "\"get_order_details\",\"description\":\"An order's status and items\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}}},{\"type\":\"function\","
            + "\"function\":{\"name\":\"modify_pending_order_address\",\"description\":\"Change where a pending order ships\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"},\"customer_name\":"
            + "{\"type\":\"string\"},\"address\":{\"type\":\"string\"},\"phone\":{\"type\":\"string\"}}}}}]";

    private IngestCorpus() {}

    /**
     * Support-log shaped sessions: a real offline run of {@code examples/quickstart.yaml} (the retail world:
     * customer profiles with names, emails, addresses and payment methods in tool results), every episode
     * exported as OpenAI chat JSONL ({@code messages} and {@code tools} per line, as teams log them), spread
     * over {@code files} files of about {@code megabytes} MB together. The run has enough episodes (about
     * 15 kB each) that no session repeats: a repeated one would be cheaper (dedup finds it by its hash).
     */
    static List<Path> support(Path dir, int files, int megabytes) throws Exception {
        Path run = dir.resolve("support-run");
        dev.trajforge.collector.config.LoadedConfig loaded = dev.trajforge.collector.config.ConfigLoader.load(Path.of("examples/quickstart.yaml"),
                List.of("tasks=" + (megabytes * 1_000_000L / 12_000 + 100), "trials=1", "keepRejected=true", "export.dedup=false", "export.format=openai-jsonl")).withOutput(run.toString());
        new dev.trajforge.collector.run.CollectionRun(loaded, java.time.Clock.systemUTC(), dev.trajforge.collector.run.ProgressListener.NONE).execute();
        List<String> lines = new ArrayList<>();
        try (var data = Files.list(run.resolve("data"))) {
            for (Path shard : data.sorted().toList()) lines.addAll(Files.readAllLines(shard, StandardCharsets.UTF_8));
        }
        int[] next = {0};
        return spread(dir, "support", files, megabytes, () -> lines.get(next[0]++ % lines.size()));
    }

    /** {@code files} JSONL files of sessions in {@code dir}, about {@code megabytes} MB together. */
    static List<Path> write(Path dir, int files, int megabytes) throws IOException {
        SplittableRandom rnd = new SplittableRandom(14);
        int[] session = {0};
        return spread(dir, "sessions", files, megabytes, () -> {
            try {
                return JSON.writeValueAsString(session(session[0]++, rnd));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** {@code files} JSONL files named {@code <prefix>-<n>.jsonl} of lines from {@code next}, about {@code megabytes} MB together. */
    private static List<Path> spread(Path dir, String prefix, int files, int megabytes, java.util.function.Supplier<String> next) throws IOException {
        long perFile = megabytes * 1_000_000L / files;
        List<Path> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            Path file = dir.resolve(prefix + "-" + f + ".jsonl");
            long written = 0;
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                while (written < perFile) {
                    String line = next.get();
                    w.write(line);
                    w.write('\n');
                    written += line.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
            out.add(file);
        }
        return out;
    }

    private static ObjectNode session(int n, SplittableRandom rnd) throws IOException {
        String first = pick(rnd, FIRST);
        String last = pick(rnd, LAST);
        String email = (first + "." + last).toLowerCase().replace("ü", "ue") + rnd.nextInt(100) + "@"
                + pick(rnd, List.of("gmail.com", "outlook.com", "acme-corp.com", "web.de"));
        String phone = phone(rnd);
        String street = (1 + rnd.nextInt(9999)) + " " + pick(rnd, List.of("Maple", "Birchwood", "Lincoln", "Kingsley"))
                + " " + pick(rnd, List.of("Street", "Avenue", "Road", "Lane", "Drive"));
        String dob = String.format("%d-%02d-%02d", 1950 + rnd.nextInt(50), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        String order = "#W" + (1_000_000 + rnd.nextInt(9_000_000));
        String product = pick(rnd, PRODUCTS);
        String amount = (5 + rnd.nextInt(900)) + "." + String.format("%02d", rnd.nextInt(100));
        String placed = String.format("2024-%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        String payment = rnd.nextBoolean() ? "card " + card(rnd) : "IBAN " + iban(rnd);

        ObjectNode record = JSON.createObjectNode().put("session_id", "bench-" + n);
        ArrayNode messages = record.putArray("messages");
        message(messages, "system", SYSTEM);
        message(messages, "user", "Hi, my name is " + first + " " + last + ". I ordered a " + product + " (order " + order
                + ") on " + placed + " and it has not shipped yet. My email is " + email + " and you can reach me at "
                + phone + ". I was born on " + dob + ", in case you need to verify me.");
        call(messages, "c1-" + n, "find_user_id_by_email", JSON.createObjectNode().put("email", email));
        tool(messages, "c1-" + n, JSON.createObjectNode().put("user_id", (first + "_" + last + "_" + rnd.nextInt(10000)).toLowerCase()));
        call(messages, "c2-" + n, "get_order_details", JSON.createObjectNode().put("order_id", order));
        ObjectNode details = JSON.createObjectNode().put("order_id", order).put("status", "pending");
        ObjectNode customer = details.putObject("customer");
        customer.putObject("name").put("first_name", first).put("last_name", last);
        customer.put("email", email).put("phone", phone).put("dob", dob);
        customer.putObject("address").put("address1", street).put("city", "Springfield").put("zip", "19122")
                .put("country", "USA");
        ObjectNode item = details.putArray("items").addObject().put("name", product).put("item_id", "" + (1_000_000_000L
                + rnd.nextInt(1_000_000_000)));
        item.put("price", new java.math.BigDecimal(amount)).putObject("options").put("color", "black").put("size", "M");
        details.putArray("payment_history").addObject().put("transaction_type", "payment").put("amount", new java.math.BigDecimal(amount))
                .put("payment_method_id", "credit_card_" + rnd.nextInt(10_000_000));
        tool(messages, "c2-" + n, details);
        message(messages, "assistant", "Thank you, " + first + ". I found order " + order + " for the " + product + " ($"
                + amount + "), still pending. What would you like to change?");
        message(messages, "user", "Please ship it to " + street + " instead, and call " + phone
                + " if the courier cannot find it. Refund any difference to my " + payment + ".\nThanks, " + first);
        call(messages, "c3-" + n, "modify_pending_order_address", JSON.createObjectNode().put("order_id", order)
                .put("customer_name", first + " " + last).put("address", street).put("phone", phone));
        tool(messages, "c3-" + n, JSON.createObjectNode().put("order_id", order).put("status", "pending")
                .put("total", new java.math.BigDecimal(amount)));
        message(messages, "assistant", "Done, " + first + ": order " + order + " now ships to the new address. "
                + "Is there anything else I can help with?");
        message(messages, "user", "No, that's all. Have a nice day!");
        record.set("tools", JSON.readTree(TOOLS));
        return record;
    }

    private static void message(ArrayNode messages, String role, String content) {
        messages.addObject().put("role", role).put("content", content);
    }

    private static void call(ArrayNode messages, String id, String name, ObjectNode arguments) throws IOException {
        ObjectNode m = messages.addObject().put("role", "assistant");
        m.putNull("content");
        ObjectNode function = m.putArray("tool_calls").addObject().put("id", id).put("type", "function").putObject("function");
        function.put("name", name).put("arguments", JSON.writeValueAsString(arguments));
    }

    private static void tool(ArrayNode messages, String id, ObjectNode result) throws IOException {
        messages.addObject().put("role", "tool").put("tool_call_id", id).put("content", JSON.writeValueAsString(result));
    }

    private static <T> T pick(SplittableRandom rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static String phone(SplittableRandom rnd) {
        String region = pick(rnd, REGIONS);
        PhoneNumber example = PHONES.getExampleNumber(region);
        String nsn = PHONES.getNationalSignificantNumber(example);
        for (int attempt = 0; attempt < 1000; attempt++) {
            StringBuilder sb = new StringBuilder(nsn.substring(0, nsn.length() - 4));
            for (int i = 0; i < 4; i++) {
                sb.append(rnd.nextInt(10));
            }
            PhoneNumber n = new PhoneNumber().mergeFrom(example).setNationalNumber(Long.parseLong(sb.toString()));
            if (PHONES.isValidNumber(n)) {
                return PHONES.format(n, region.equals("US") ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
            }
        }
        throw new IllegalStateException("no valid phone number near the example number of " + region);
    }

    /** 16 digits in groups of four with a valid Luhn check digit. */
    private static String card(SplittableRandom rnd) {
        int[] d = new int[16];
        d[0] = rnd.nextBoolean() ? 4 : 5;
        for (int i = 1; i < 15; i++) {
            d[i] = rnd.nextInt(10);
        }
        int sum = 0;
        for (int i = 14; i >= 0; i--) {
            int v = (14 - i) % 2 == 0 ? d[i] * 2 : d[i];
            sum += v > 9 ? v - 9 : v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(i > 0 && i % 4 == 0 ? " " : "").append(d[i]);
        }
        return sb.toString();
    }

    /** A German IBAN (18-digit BBAN) with valid check digits, in groups of four. */
    private static String iban(SplittableRandom rnd) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(rnd.nextInt(10));
        }
        // check digits: 98 - (BBAN + "DE00" as digits) mod 97, D=13 E=14
        java.math.BigInteger n = new java.math.BigInteger(bban + "131400");
        int check = 98 - n.mod(java.math.BigInteger.valueOf(97)).intValue();
        String iban = "DE" + String.format("%02d", check) + bban;
        return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
