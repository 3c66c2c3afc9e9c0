package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every output format read back the way its consumers read it. */
class FormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    java.nio.file.Path dir;

    /**
     * Pins of the rows each shard holds (SHA-256 of the rows read back as JSON lines, {@link ReadBack}), not
     * of its bytes: a new parquet-java version changes the bytes (its {@code created_by} at least) but must
     * not change a row. Pinned from the shards of the hand-written encoders that wrote them before the
     * exporter went back to parquet-java's {@code ParquetWriter}, which read back the same rows; re-pinned at
     * schema_version 6 (the same rows with {@code domain_origin} and {@code tool_simulator_model} null and version 6).
     */
    private static final Map<String, String> HF_PARQUET_ROWS = Map.of(
            "rejected-00000-of-00001.parquet", "5b2ca62e1d4f7334fe59c4c93dc6ff0c271833cc8c86e66d8122fe24c714859c",
            "train-00000-of-00001.parquet", "829aaf35661df5ea4bcf9e7dbd8c6272672748a2df6a2e5e5ee10d90949c2281",
            "validation-00000-of-00001.parquet", "42fd0d533d8a2ad175c82c8b984c23cab3ab4d5908b03f7881f7e2f9aeb03ec7");
    private static final Map<String, String> DPO_ROWS = Map.of(
            "train-00000-of-00001.parquet", "ef25aad4f84466ff63c84ed5f589e4ee551ab727aa1ba78cdb5e9a6b5f581b5e",
            "validation-00000-of-00001.parquet", "695ae1106772919a15423ad76b1e8f95a3184428afe5d55797b04ee608c9c812");

    @Test
    void should_read_back_the_pinned_hf_parquet_rows_whether_the_format_is_implicit_or_explicit() throws IOException {
        java.nio.file.Path implicit = dir.resolve("implicit");
        java.nio.file.Path explicit = dir.resolve("explicit");
        Fixtures.export(Fixtures.settings(implicit, true), Fixtures.run(12, 3));
        Fixtures.export(Fixtures.settings(explicit, true).withFormat(ExportFormat.HF_PARQUET).withDedup(Dedup.OFF), Fixtures.run(12, 3));

        assertEquals(new TreeMap<>(HF_PARQUET_ROWS), rowHashes(implicit));
        assertEquals(new TreeMap<>(HF_PARQUET_ROWS), rowHashes(explicit));
    }

    @Test
    void should_read_back_the_pinned_dpo_rows() throws IOException {
        java.nio.file.Path out = dir.resolve("dpo");
        Fixtures.export(Fixtures.settings(out, true).withFormat(ExportFormat.DPO), Fixtures.runWithPairs());

        assertEquals(new TreeMap<>(DPO_ROWS), rowHashes(out));
    }

    @Test
    void should_write_openai_jsonl_whose_lines_parse_and_whose_tool_messages_answer_earlier_calls() throws IOException {
        java.nio.file.Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true).withFormat(ExportFormat.OPENAI_JSONL), Fixtures.run(12, 3));

        List<String> names = ExportLayoutTest.list(out.resolve("data"));
        assertTrue(names.stream().allMatch(n -> n.matches("(train|validation|rejected)-\\d{5}-of-\\d{5}\\.jsonl")), names.toString());
        long rows = 0;
        int toolMessages = 0;
        for (String name : names) {
            List<String> lines = Files.readAllLines(out.resolve("data").resolve(name), StandardCharsets.UTF_8);
            if (!name.startsWith("rejected-")) {
                rows += lines.size();
            }
            for (String line : lines) {
                JsonNode example = JSON.readTree(line);
                assertEquals(List.of("messages", "tools", "parallel_tool_calls"), fieldNames(example), line);
                assertTrue(example.get("parallel_tool_calls").asBoolean());
                assertEquals("function", example.get("tools").get(0).get("type").asText());
                assertEquals("get_order_details", example.get("tools").get(0).get("function").get("name").asText());
                Set<String> called = new HashSet<>();
                for (JsonNode m : example.get("messages")) {
                    assertFalse(m.has("reasoning_content"), "no reasoning field in OpenAI's format");
                    switch (m.get("role").asText()) {
                        case "assistant" -> {
                            for (JsonNode call : m.path("tool_calls")) {
                                called.add(call.get("id").asText());
                                assertEquals("function", call.get("type").asText());
                                assertTrue(call.get("function").get("arguments").isTextual());
                                assertTrue(JSON.readTree(call.get("function").get("arguments").asText()).isObject());
                            }
                            assertTrue(m.has("content") || m.has("tool_calls"), m.toString());
                        }
                        case "tool" -> {
                            toolMessages++;
                            assertEquals(List.of("role", "tool_call_id", "content"), fieldNames(m));
                            assertTrue(called.contains(m.get("tool_call_id").asText()), "unpaired tool message " + m);
                        }
                        case "system", "user" -> assertEquals(List.of("role", "content"), fieldNames(m));
                        default -> throw new AssertionError("role " + m.get("role"));
                    }
                }
            }
        }
        assertEquals(result.accepted(), rows);
        assertEquals((result.accepted() + result.rejectedTotal()) * 2, toolMessages);
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("  - split: train\n    path: data/train-*.jsonl\n"), card);
        assertTrue(card.contains("load_dataset(\"json\""), card);
        assertManifestListsTheFiles(out);
    }

    @Test
    void should_write_sharegpt_as_apigen_mt_publishes_it() throws IOException {
        java.nio.file.Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, false).withFormat(ExportFormat.SHAREGPT), Fixtures.run(12, 3));

        List<String> names = ExportLayoutTest.list(out.resolve("data"));
        assertTrue(names.stream().allMatch(n -> n.matches("(train|validation)-\\d{5}-of-\\d{5}\\.json")), names.toString());
        long rows = 0;
        for (String name : names) {
            JsonNode file = JSON.readTree(out.resolve("data").resolve(name).toFile());
            assertTrue(file.isArray(), name);
            rows += file.size();
            for (JsonNode example : file) {
                assertEquals(List.of("conversations", "system", "tools"), fieldNames(example));
                assertTrue(example.get("system").asText().startsWith("You are a retail support agent."));
                JsonNode tools = JSON.readTree(example.get("tools").asText());
                assertEquals("get_order_details", tools.get(0).get("name").asText(), "bare function definitions");
                assertFalse(tools.get(0).has("type"));
                List<String> from = new ArrayList<>();
                example.get("conversations").forEach(turn -> from.add(turn.get("from").asText()));
                assertEquals(List.of("human", "function_call", "observation", "gpt"), from);
                for (int i = 0; i < from.size(); i++) {
                    assertTrue(i % 2 == 0 ? Set.of("human", "observation").contains(from.get(i)) : Set.of("gpt", "function_call").contains(from.get(i)),
                            "turns alternate: " + from);
                }
                JsonNode calls = JSON.readTree(example.get("conversations").get(1).get("value").asText());
                assertEquals(2, calls.size(), "parallel calls are one function_call holding a list");
                assertEquals("get_order_details", calls.get(0).get("name").asText());
                assertEquals("#W1001", calls.get(0).get("arguments").get("order_id").asText(), "arguments are a JSON object");
                JsonNode results = JSON.readTree(example.get("conversations").get(2).get("value").asText());
                assertEquals(2, results.size());
                assertEquals("Error: order #W1002 not found", results.get(1).asText());
            }
        }
        assertEquals(result.accepted(), rows);
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("    path: data/train-*.json\n"), card);
        assertManifestListsTheFiles(out);
    }

    @Test
    void should_end_a_sharegpt_conversation_on_the_agent_and_turn_a_lone_call_into_one_object() throws IOException {
        Trajectory t = Fixtures.trajectory("retail-task-1", 0, Fixtures.conversation("c", "Where is order #W1000?", "Thanks, bye ###STOP###"));
        JsonNode example = JSON.readTree(ChatJson.shareGptObject(t));

        List<String> from = new ArrayList<>();
        example.get("conversations").forEach(turn -> from.add(turn.get("from").asText()));
        assertEquals(List.of("human", "function_call", "observation", "gpt", "human", "function_call", "observation", "gpt"), from);
        JsonNode call = JSON.readTree(example.get("conversations").get(1).get("value").asText());
        assertEquals("get_order_details", call.get("name").asText());
        assertEquals("#W1000", call.get("arguments").get("order_id").asText());

        List<Message> endsWithUser = new ArrayList<>(t.messages());
        endsWithUser.add(Message.user("###STOP###"));
        JsonNode trimmed = JSON.readTree(ChatJson.shareGptObject(Fixtures.trajectory("retail-task-1", 0, endsWithUser)));
        assertEquals("gpt", trimmed.get("conversations").get(trimmed.get("conversations").size() - 1).get("from").asText());
    }

    @Test
    void should_write_dpo_pairs_that_duckdb_reads_as_lists_of_structs_with_a_shared_prefix() throws Exception {
        // task 1: diverges at the agent's second call; task 2: diverges at a tool result (the prompt backs off to before the call);
        // task 3: diverges at the first user message (no pair); task 4: only rejected samples (no pair)
        String[] turns = {"Where is order #W1000?", "And order #W1001, please?"};
        Trajectory chosen1 = Fixtures.trajectory("retail-task-1", 0, Fixtures.conversation("a", turns));
        List<Message> wrong = new ArrayList<>(Fixtures.conversation("r", turns));
        ToolCall cancel = new ToolCall("r_x", "cancel_pending_order", "{\"order_id\":\"#W1001\",\"reason\":\"no longer needed\"}");
        wrong.set(6, Message.assistant(null, null, List.of(cancel)));
        wrong.set(7, Message.tool(ToolResult.ok(cancel, "{\"status\":\"cancelled\"}")));
        wrong.set(8, Message.assistant("I cancelled order #W1001."));
        Trajectory rejected1 = Fixtures.trajectory("retail-task-1", 1, wrong);

        Trajectory chosen2 = Fixtures.trajectory("retail-task-2", 0, Fixtures.conversation("b", turns[0]));
        List<Message> erred = new ArrayList<>(Fixtures.conversation("e", turns[0]));
        ToolCall lookup = erred.get(2).toolCalls().getFirst();
        erred.set(3, Message.tool(ToolResult.error(lookup, "timeout")));
        erred.set(4, Message.assistant("Sorry, the system is down."));
        Trajectory rejected2 = Fixtures.trajectory("retail-task-2", 1, erred);

        Trajectory chosen3 = Fixtures.trajectory("retail-task-3", 0, Fixtures.conversation("c", "Cancel order #W1000."));
        Trajectory rejected3 = Fixtures.trajectory("retail-task-3", 1, Fixtures.conversation("d", "Return order #W1000."));
        Trajectory rejected4 = Fixtures.trajectory("retail-task-4", 0, Fixtures.conversation("f", turns));

        List<ExportRecord> records = List.of(accepted(chosen1), rejected(rejected1), accepted(chosen2), rejected(rejected2),
                accepted(chosen3), rejected(rejected3), rejected(rejected4), ExportRecord.infraFailed(Fixtures.trajectory("retail-task-5", 0,
                        Fixtures.conversation("g", turns))));
        java.nio.file.Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true).withFormat(ExportFormat.DPO), records);

        assertEquals(3, result.accepted());
        assertEquals(2, result.splits().values().stream().mapToLong(Long::longValue).sum(), "two pairs");
        assertFalse(result.splits().containsKey("rejected"), "dpo writes pairs only");
        String glob = "read_parquet('" + out + "/data/*.parquet')";
        String listOfMessages = DuckDb.strings("SELECT typeof(prompt) || '|' || typeof(chosen) || '|' || typeof(rejected) FROM " + glob + " LIMIT 1").getFirst();
        for (String type : listOfMessages.split("\\|")) {
            assertTrue(type.startsWith("STRUCT(\"role\" VARCHAR, \"content\" VARCHAR, reasoning_content VARCHAR, tool_calls STRUCT(")
                    && type.contains("tool_call_id VARCHAR") && type.endsWith("[]"), type);
        }
        assertEquals(List.of(chosen1.id() + " " + rejected1.id() + " 6 assistant assistant user",
                        chosen2.id() + " " + rejected2.id() + " 2 assistant assistant user"),
                DuckDb.strings("SELECT chosen_id || ' ' || rejected_id || ' ' || len(prompt) || ' ' || chosen[1].role || ' ' || rejected[1].role"
                        + " || ' ' || prompt[len(prompt)].role FROM " + glob + " ORDER BY task_id"));
        assertEquals(List.of("system user", "system user"), DuckDb.strings("SELECT prompt[1].role || ' ' || prompt[2].role FROM " + glob));

        Map<String, Trajectory> byId = Map.of(chosen1.id(), chosen1, chosen2.id(), chosen2, rejected1.id(), rejected1, rejected2.id(), rejected2);
        for (String row : DuckDb.strings("SELECT json_object('prompt', prompt, 'chosen', chosen, 'rejected', rejected, 'c', chosen_id, 'r', rejected_id,"
                + " 'reasons', rejected_reasons) FROM " + glob)) {
            JsonNode pair = JSON.readTree(row);
            Trajectory winner = byId.get(pair.get("c").asText());
            Trajectory loser = byId.get(pair.get("r").asText());
            int prompt = pair.get("prompt").size();
            assertEquals(contents(winner.messages().subList(0, prompt)), contents(pair.get("prompt")), "the prompt is the chosen sample's prefix");
            assertEquals(contents(loser.messages().subList(0, prompt)), contents(pair.get("prompt")), "and the rejected sample's");
            assertEquals(contents(winner.messages().subList(prompt, winner.messages().size())), contents(pair.get("chosen")));
            assertEquals(contents(loser.messages().subList(prompt, loser.messages().size())), contents(pair.get("rejected")));
            assertEquals("[\"final_state_mismatch\"]", pair.get("reasons").toString());
            assertToolMessagesPaired(pair.get("prompt"), pair.get("chosen"));
            assertToolMessagesPaired(pair.get("prompt"), pair.get("rejected"));
        }
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("dpo", manifest.get("format").asText());
        assertEquals(records.size(), manifest.get("episodes").asLong());
        assertManifestListsTheFiles(out);
    }

    @Test
    void should_map_the_rejected_continuations_tool_messages_onto_the_prompts_call_ids() {
        List<Message> chosen = Fixtures.conversation("mine", "Where is order #W1000?");
        List<Message> other = new ArrayList<>(Fixtures.conversation("theirs", "Where is order #W1000?"));
        // the rejected sample answers the prompt's call again after its own diverging assistant message
        other.set(4, Message.assistant("Let me check that again."));
        other.add(Message.tool(ToolResult.ok(other.get(2).toolCalls().getFirst(), "{\"order_id\":\"#W1000\",\"status\":\"pending\"}")));
        List<PreferencePair> pairs = PreferencePairs.pair(List.of(accepted(Fixtures.trajectory("t", 0, chosen))),
                List.of(rejected(Fixtures.trajectory("t", 1, other))));

        assertEquals(1, pairs.size());
        assertEquals(4, pairs.getFirst().prompt().size());
        assertEquals("mine_0", pairs.getFirst().rejected().getLast().toolCallId());
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void should_write_byte_identical_files_in_every_format_with_dedup(ExportFormat format) throws IOException {
        List<ExportRecord> records = Fixtures.runWithPairs();
        java.nio.file.Path a = dir.resolve("a");
        java.nio.file.Path b = dir.resolve("b");
        ExportSettings settings = Fixtures.settings(a, true).withFormat(format).withDedup(Dedup.DEFAULT).withSizes(3_000, 1 << 20);
        ExportResult first = Fixtures.export(settings, records);
        ExportResult second = Fixtures.export(ExportSettings.of(b.toString(), Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.3, true)
                .withFormat(format).withDedup(Dedup.DEFAULT).withSizes(3_000, 1 << 20), records);

        assertEquals(first.files(), second.files());
        assertFalse(first.files().isEmpty());
        for (ExportResult.ShardFile file : first.files()) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file.path())), Files.readAllBytes(b.resolve(file.path())), file.path());
            assertTrue(file.path().endsWith("." + format.extension()), file.path());
        }
        for (String name : List.of("manifest.json", "README.md")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        }
        String pattern = format == ExportFormat.HF_PARQUET ? "-*" : "-*." + format.extension();
        assertTrue(Files.readString(a.resolve("README.md")).contains("    path: data/train" + pattern + "\n"));
    }

    @Test
    void should_not_publish_a_json_shard_that_was_cut_short() throws IOException {
        java.nio.file.Path file = Files.writeString(dir.resolve("train-00000.json"), "[\n{\"conversations\": []}");
        Path path = new Path(file.toUri());
        FileSystem fs = path.getFileSystem(Fixtures.conf());
        StagedShard shard = new StagedShard("train", path, 1, Files.size(file), Hashing.sha256Hex(Files.readAllBytes(file)));

        IOException e = assertThrows(IOException.class, () -> JsonShards.shareGpt().verify(shard, fs.getFileStatus(path), Fixtures.conf(), Fixtures.RUN_ID));
        assertTrue(e.getMessage().contains("JSON array"), e.getMessage());
        Files.writeString(file, "[\n{\"conversations\": []}\n]\n");
        StagedShard whole = new StagedShard("train", path, 1, Files.size(file), "x");
        JsonShards.shareGpt().verify(whole, fs.getFileStatus(path), Fixtures.conf(), Fixtures.RUN_ID);
    }

    @Test
    void should_name_the_known_formats_for_an_unknown_one() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportFormat.fromWire("jsonl"));
        assertEquals("unknown format 'jsonl'; known formats: hf-parquet, openai-jsonl, sharegpt, dpo", e.getMessage());
        assertEquals(ExportFormat.SHAREGPT, ExportFormat.fromWire("sharegpt"));
    }

    private static ExportRecord accepted(Trajectory t) {
        return ExportRecord.accepted(t, 1.0, null, null, null);
    }

    private static ExportRecord rejected(Trajectory t) {
        return ExportRecord.rejected(t, null, null, null, List.of("final_state_mismatch"));
    }

    /** role and content (or the called tool names) of each message, for comparing conversations. */
    private static List<String> contents(List<Message> messages) {
        return messages.stream().map(m -> m.role().wireName() + ":" + (m.hasToolCalls()
                ? m.toolCalls().stream().map(ToolCall::name).toList().toString() : m.content())).toList();
    }

    private static List<String> contents(JsonNode messages) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages) {
            List<String> names = new ArrayList<>();
            m.path("tool_calls").forEach(call -> names.add(call.get("function").get("name").asText()));
            out.add(m.get("role").asText() + ":" + (m.get("tool_calls").isNull() ? m.get("content").asText() : names.toString()));
        }
        return out;
    }

    private static void assertToolMessagesPaired(JsonNode prompt, JsonNode continuation) {
        Set<String> called = new HashSet<>();
        for (JsonNode part : List.of(prompt, continuation)) {
            for (JsonNode m : part) {
                m.path("tool_calls").forEach(call -> called.add(call.get("id").asText()));
                if (m.get("role").asText().equals("tool")) {
                    assertTrue(called.contains(m.get("tool_call_id").asText()), "unpaired " + m);
                }
            }
        }
    }

    private static void assertManifestListsTheFiles(java.nio.file.Path out) throws IOException {
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        List<String> listed = new ArrayList<>();
        for (JsonNode file : manifest.get("files")) {
            byte[] bytes = Files.readAllBytes(out.resolve(file.get("path").asText()));
            assertEquals(bytes.length, file.get("bytes").asLong());
            assertEquals(Hashing.sha256Hex(bytes), file.get("sha256").asText());
            listed.add(file.get("path").asText().substring("data/".length()));
        }
        assertEquals(ExportLayoutTest.list(out.resolve("data")), listed);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_temporary")));
    }

    /** Per data file, the SHA-256 of its rows as parquet-java reads them, after checking that DuckDB reads the same rows. */
    private static Map<String, String> rowHashes(java.nio.file.Path out) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String name : ExportLayoutTest.list(out.resolve("data"))) {
            java.nio.file.Path file = out.resolve("data").resolve(name);
            List<JsonNode> rows = ReadBack.parquetJava(file);
            assertEquals(rows, ReadBack.duckDb(file), name);
            hashes.put(name, ReadBack.sha256(rows));
        }
        return hashes;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
