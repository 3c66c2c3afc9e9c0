package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Trajectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validator against one good export made by the real exporter, and against copies of it broken in
 * exactly one way each: every rule of dataset-contract.md is reported, alone, with file and row.
 */
class DatasetValidatorTest {
    @TempDir
    static Path shared;
    static Path good;

    @TempDir
    Path dir;

    @BeforeAll
    static void exportOnce() {
        good = Exports.good(shared.resolve("good"));
    }

    private Path copy() {
        return Crafted.copy(good, dir.resolve("export"));
    }

    private static List<Violation> validate(Path export) {
        try {
            return DatasetValidator.validate(export.toString(), new Configuration());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Exactly {@code rule} is broken, and one of its violations is about {@code file} (and {@code row}, null for file-level rules). */
    private static List<Violation> assertOnly(Rule rule, String file, Long row, Path export) {
        List<Violation> violations = validate(export);
        String report = violations.stream().map(Violation::render).collect(Collectors.joining("\n"));
        assertEquals(Set.of(rule.id()), violations.stream().map(Violation::rule).collect(Collectors.toSet()), report);
        assertTrue(violations.stream().anyMatch(v -> v.file().equals(file) && Objects.equals(v.row(), row)),
                "expected a violation at " + file + (row == null ? "" : ":" + row) + ", got\n" + report);
        return violations;
    }

    private static void assertMessage(List<Violation> violations, String part) {
        assertTrue(violations.stream().anyMatch(v -> v.message().contains(part)),
                "no message contains '" + part + "': " + violations);
    }

    // --- the good exports

    @Test
    void should_pass_a_good_export_with_several_shards_per_split() throws IOException {
        DatasetValidator.Report report = DatasetValidator.check(good.toString(), new Configuration());

        assertEquals(List.of(), report.violations());
        assertTrue(report.ok());
        assertTrue(Crafted.shards(good, "train").size() > 1, Crafted.shards(good, "train").toString());
        assertEquals(Crafted.shards(good, "train").size() + Crafted.shards(good, "validation").size()
                + Crafted.shards(good, "rejected").size(), report.files());
        assertTrue(report.rows() > 0);
    }

    @Test
    void should_pass_a_good_export_without_the_rejected_split_given_as_a_file_uri() throws IOException {
        Path export = Exports.export(dir.resolve("plain"), Exports.run(8, 2), false);

        assertEquals(List.of(), DatasetValidator.validate(export.toUri(), new Configuration()));
    }

    @Test
    void should_refuse_a_location_that_does_not_exist_or_is_a_file() throws IOException {
        assertThrows(FileNotFoundException.class, () -> DatasetValidator.validate(dir.resolve("missing").toString(), new Configuration()));
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> DatasetValidator.validate(file.toString(), new Configuration()));
        assertTrue(e.getMessage().contains("not an export directory"), e.getMessage());
    }

    // --- layout

    @Test
    void should_report_a_missing_success_marker() throws IOException {
        Path export = copy();
        Files.delete(export.resolve("_SUCCESS"));

        assertOnly(Rule.SUCCESS_MARKER, "_SUCCESS", null, export);
    }

    @Test
    void should_report_files_left_under_temporary() throws IOException {
        Path export = copy();
        Files.createDirectories(export.resolve("_temporary/validator-run"));
        Files.writeString(export.resolve("_temporary/validator-run/train-0.parquet"), "partial");

        assertOnly(Rule.TEMPORARY_LEFTOVER, "_temporary/validator-run/train-0.parquet", null, export);
    }

    @Test
    void should_report_a_shard_whose_index_and_count_do_not_fit_the_split() throws IOException {
        Path export = copy();
        List<String> train = Crafted.shards(export, "train");
        String last = train.getLast();
        String renamed = String.format("data/train-%05d-of-%05d.parquet", train.size(), train.size());
        Files.move(export.resolve(last), export.resolve(renamed));
        Crafted.editManifest(export, m -> Crafted.manifestEntry(m, last).put("path", renamed));

        List<Violation> violations = assertOnly(Rule.FILE_NAMING, renamed, null, export);
        assertMessage(violations, "is not below the count");
    }

    @Test
    void should_report_a_file_in_data_that_does_not_follow_the_hugging_face_naming() throws IOException {
        Path export = copy();
        Files.writeString(export.resolve("data/notes.txt"), "not a shard");

        assertOnly(Rule.FILE_NAMING, "data/notes.txt", null, export);
    }

    @Test
    void should_report_a_dataset_card_whose_configs_miss_a_split_with_files() throws IOException {
        Path export = copy();
        String card = Files.readString(export.resolve("README.md"));
        String withoutValidation = card.replace("  - split: validation\n    path: data/validation-*\n", "");
        assertTrue(!withoutValidation.equals(card), card);
        Files.writeString(export.resolve("README.md"), withoutValidation);

        List<Violation> violations = assertOnly(Rule.DATASET_CARD, "README.md", null, export);
        assertMessage(violations, "lists no split validation");
    }

    @Test
    void should_report_a_missing_dataset_card() throws IOException {
        Path export = copy();
        Files.delete(export.resolve("README.md"));

        assertOnly(Rule.DATASET_CARD, "README.md", null, export);
    }

    // --- manifest

    @Test
    void should_report_a_manifest_without_a_contract_key() {
        Path export = copy();
        Crafted.editManifest(export, m -> m.remove("config_sha256"));

        List<Violation> violations = assertOnly(Rule.MANIFEST_KEYS, "manifest.json", null, export);
        assertMessage(violations, "missing key config_sha256");
    }

    @Test
    void should_report_a_manifest_that_is_not_json() throws IOException {
        Path export = copy();
        Files.writeString(export.resolve("manifest.json"), "{\"schema_version\": 1,");

        assertOnly(Rule.MANIFEST_KEYS, "manifest.json", null, export);
    }

    @Test
    void should_report_manifest_counts_that_do_not_add_up() {
        Path export = copy();
        Crafted.editManifest(export, m -> m.put("accepted", m.get("accepted").asLong() + 1));

        List<Violation> violations = assertOnly(Rule.MANIFEST_COUNTS, "manifest.json", null, export);
        assertMessage(violations, "episodes is");
        assertMessage(violations, "the train and validation files hold");
    }

    @Test
    void should_report_split_counts_that_differ_from_the_files() {
        Path export = copy();
        Crafted.editManifest(export, m -> ((ObjectNode) m.get("splits")).put("validation", 999));

        List<Violation> violations = assertOnly(Rule.MANIFEST_COUNTS, "manifest.json", null, export);
        assertMessage(violations, "splits.validation is 999");
    }

    @Test
    void should_report_a_shard_whose_bytes_no_longer_match_the_sha256() throws IOException {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getFirst();
        Path file = export.resolve(shard);
        byte[] bytes = Files.readAllBytes(file);
        // one byte of the footer's created_by string: the file still parses, only the hash tells
        int at = indexOf(bytes, "parquet-mr".getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0);
        bytes[at] = 'P';
        Files.write(file, bytes);

        List<Violation> violations = assertOnly(Rule.MANIFEST_FILES, shard, null, export);
        assertMessage(violations, "SHA-256 is");
    }

    @Test
    void should_report_a_listed_file_that_is_missing_and_the_gap_in_the_names() throws IOException {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getFirst();
        Files.delete(export.resolve(shard));

        List<Violation> violations = validate(export);
        assertEquals(Set.of(Rule.MANIFEST_FILES.id(), Rule.FILE_NAMING.id()),
                violations.stream().map(Violation::rule).collect(Collectors.toSet()), violations.toString());
        assertTrue(violations.stream().allMatch(v -> v.file().equals(shard)), violations.toString());
    }

    @Test
    void should_report_a_shard_that_the_manifest_does_not_list() {
        Path export = copy();
        String shard = Crafted.shards(export, "rejected").getLast();
        Crafted.editManifest(export, m -> {
            var files = (com.fasterxml.jackson.databind.node.ArrayNode) m.get("files");
            long rows = Crafted.manifestEntry(m, shard).get("rows").asLong();
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).get("path").asText().equals(shard)) {
                    files.remove(i);
                    break;
                }
            }
            // keep the counts consistent: the rows are no longer in the listed rejected files
            ObjectNode splits = (ObjectNode) m.get("splits");
            splits.put("rejected", splits.get("rejected").asLong() - rows);
        });

        List<Violation> violations = assertOnly(Rule.MANIFEST_FILES, shard, null, export);
        assertMessage(violations, "not listed in manifest.json");
    }

    // --- Parquet files

    @Test
    void should_report_a_shard_that_is_not_parquet() throws IOException {
        Path export = copy();
        String shard = Crafted.shards(export, "validation").getFirst();
        Files.writeString(export.resolve(shard), "this is not a Parquet file");
        Crafted.refreshManifest(export);

        assertOnly(Rule.FILE_READABLE, shard, null, export);
    }

    @Test
    void should_report_a_shard_without_a_contract_column() {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getFirst();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        MessageType schema = footer.getFileMetaData().getSchema();
        List<Type> fields = new ArrayList<>(schema.getFields());
        fields.removeIf(f -> f.getName().equals("persona"));
        Crafted.rewrite(export, shard, new MessageType(schema.getName(), fields), footer.getFileMetaData().getKeyValueMetaData(),
                CompressionCodecName.ZSTD);

        List<Violation> violations = assertOnly(Rule.SCHEMA, shard, null, export);
        assertMessage(violations, "missing column persona");
    }

    @Test
    void should_report_a_two_level_list_that_readers_see_differently() {
        Path export = copy();
        String shard = Crafted.shards(export, "rejected").getFirst();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        MessageType schema = footer.getFileMetaData().getSchema();
        List<Type> fields = new ArrayList<>(schema.getFields());
        fields.replaceAll(f -> f.getName().equals("reject_reasons")
                ? Types.requiredGroup().as(org.apache.parquet.schema.LogicalTypeAnnotation.listType())
                        .addField(Types.repeated(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
                                .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("array"))
                        .named("reject_reasons")
                : f);
        MessageType legacy = new MessageType(schema.getName(), fields);
        Crafted.rewrite(export, shard, legacy, footer.getFileMetaData().getKeyValueMetaData(), CompressionCodecName.ZSTD);

        List<Violation> violations = assertOnly(Rule.SCHEMA, shard, null, export);
        assertMessage(violations, "reject_reasons.array");
    }

    @Test
    void should_report_a_nullable_column_that_the_contract_makes_required() {
        Path export = copy();
        String shard = Crafted.shards(export, "validation").getFirst();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        MessageType schema = footer.getFileMetaData().getSchema();
        List<Type> fields = new ArrayList<>(schema.getFields());
        fields.replaceAll(f -> f.getName().equals("reward")
                ? Types.optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE).named("reward") : f);
        Crafted.rewrite(export, shard, new MessageType(schema.getName(), fields), footer.getFileMetaData().getKeyValueMetaData(),
                CompressionCodecName.ZSTD);

        List<Violation> violations = assertOnly(Rule.SCHEMA, shard, null, export);
        assertMessage(violations, "reward: expected required double, found optional double");
    }

    @Test
    void should_report_a_shard_without_a_footer_key() {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getLast();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        Crafted.rewrite(export, shard, footer.getFileMetaData().getSchema(),
                Crafted.without(footer.getFileMetaData().getKeyValueMetaData(), "trajforge.config_sha256"), CompressionCodecName.ZSTD);

        List<Violation> violations = assertOnly(Rule.FOOTER_METADATA, shard, null, export);
        assertMessage(violations, "no trajforge.config_sha256");
    }

    @Test
    void should_report_a_footer_run_id_that_differs_from_the_manifest() {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getFirst();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        var meta = new java.util.HashMap<>(footer.getFileMetaData().getKeyValueMetaData());
        meta.put("trajforge.run_id", "another-run");
        Crafted.rewrite(export, shard, footer.getFileMetaData().getSchema(), meta, CompressionCodecName.ZSTD);

        List<Violation> violations = assertOnly(Rule.FOOTER_METADATA, shard, null, export);
        assertMessage(violations, "trajforge.run_id is 'another-run'");
    }

    @Test
    void should_report_column_chunks_that_are_not_zstd() {
        Path export = copy();
        String shard = Crafted.shards(export, "validation").getLast();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        Crafted.rewrite(export, shard, footer.getFileMetaData().getSchema(), footer.getFileMetaData().getKeyValueMetaData(),
                CompressionCodecName.SNAPPY);

        List<Violation> violations = assertOnly(Rule.COMPRESSION, shard, null, export);
        assertMessage(violations, "SNAPPY");
    }

    // --- rows

    @Test
    void should_report_a_conversation_that_does_not_start_with_the_system_prompt() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 2);
        Crafted.editRow(export, shard, 1, row -> Crafted.messages(row).remove(0));

        List<Violation> violations = assertOnly(Rule.ROLES_ORDER, shard, 1L, export);
        assertMessage(violations, "the first message is 'user', not system");
    }

    @Test
    void should_report_a_user_first_trajectory_written_by_the_exporter_itself() {
        Trajectory userFirst = Exports.trajectory("retail", "retail-task-user-first", 0, messages -> messages.subList(1, messages.size()));
        List<ExportRecord> records = new ArrayList<>(Exports.run(4, 2));
        records.add(ExportRecord.accepted(userFirst, 1.0, null, null, null));
        Path export = Exports.export(dir.resolve("user-first"), records, false);

        List<Violation> violations = validate(export);
        assertEquals(Set.of(Rule.ROLES_ORDER.id()), violations.stream().map(Violation::rule).collect(Collectors.toSet()), violations.toString());
        Violation v = violations.getFirst();
        List<ObjectNode> rows = Crafted.rows(export.resolve(v.file()));
        assertEquals("retail-task-user-first", rows.get(v.row().intValue()).get("task_id").asText());
    }

    @Test
    void should_report_a_message_with_an_unknown_role() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "validation", 1);
        Crafted.editRow(export, shard, 0, row -> Crafted.message(row, 5).put("role", "agent"));

        List<Violation> violations = assertOnly(Rule.ROLES_ORDER, shard, 0L, export);
        assertMessage(violations, "message 5 has role 'agent'");
    }

    @Test
    void should_report_a_user_message_without_content() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 3);
        Crafted.editRow(export, shard, 2, row -> Crafted.message(row, 1).putNull("content"));

        List<Violation> violations = assertOnly(Rule.MESSAGE_FIELDS, shard, 2L, export);
        assertMessage(violations, "message 1 (user) has null content");
    }

    @Test
    void should_report_a_tool_message_that_answers_no_tool_call() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 2);
        Crafted.editRow(export, shard, 1, row -> Crafted.message(row, 3).put("tool_call_id", "call_nobody_made"));

        List<Violation> violations = assertOnly(Rule.TOOL_CALL_PAIRING, shard, 1L, export);
        assertMessage(violations, "'call_nobody_made', which no earlier assistant message made");
    }

    @Test
    void should_report_parallel_tool_results_out_of_call_order() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "rejected", 1);
        Crafted.editRow(export, shard, 0, row -> {
            var messages = Crafted.messages(row);
            var first = messages.get(3);
            messages.set(3, messages.get(4));
            messages.set(4, first);
        });

        List<Violation> violations = assertOnly(Rule.TOOL_CALL_PAIRING, shard, 0L, export);
        assertMessage(violations, "out of call order");
    }

    @Test
    void should_report_a_tool_call_that_is_never_answered_written_by_the_exporter_itself() {
        Trajectory unanswered = Exports.trajectory("retail", "retail-task-unanswered", 0, messages -> {
            List<Message> edited = new ArrayList<>(messages);
            edited.remove(4); // the second parallel call gets no tool message
            return edited;
        });
        List<ExportRecord> records = new ArrayList<>(Exports.run(4, 2));
        records.add(ExportRecord.accepted(unanswered, 1.0, null, null, null));
        Path export = Exports.export(dir.resolve("unanswered"), records, false);

        List<Violation> violations = validate(export);
        assertEquals(Set.of(Rule.TOOL_CALL_PAIRING.id()), violations.stream().map(Violation::rule).collect(Collectors.toSet()), violations.toString());
        assertMessage(violations, "not answered before message 4 (assistant)");
    }

    @Test
    void should_report_tool_call_arguments_that_are_not_json() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 2);
        Crafted.editRow(export, shard, 0, row -> ((ObjectNode) Crafted.message(row, 2).get("tool_calls").get(1).get("function"))
                .put("arguments", "order_id=#W1002"));

        List<Violation> violations = assertOnly(Rule.ARGUMENTS_JSON, shard, 0L, export);
        assertMessage(violations, "arguments is not valid JSON: 'order_id=#W1002'");
    }

    @Test
    void should_report_tool_call_arguments_that_are_json_but_not_an_object() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "validation", 1);
        Crafted.editRow(export, shard, 0, row -> ((ObjectNode) Crafted.message(row, 2).get("tool_calls").get(0).get("function"))
                .put("arguments", "[\"#W1001\"]"));

        List<Violation> violations = assertOnly(Rule.ARGUMENTS_JSON, shard, 0L, export);
        assertMessage(violations, "arguments must be a JSON object");
    }

    @Test
    void should_report_tools_that_are_not_a_json_array_of_functions() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 3);
        Crafted.editRow(export, shard, 2, row -> row.put("tools", "[{\"name\":\"get_order_details\"}]"));

        List<Violation> violations = assertOnly(Rule.TOOLS_JSON, shard, 2L, export);
        assertMessage(violations, "tools[0] must have \"type\":\"function\"");
    }

    @Test
    void should_report_an_accepted_row_whose_reward_is_not_one_written_by_the_exporter_itself() {
        Trajectory partial = Exports.trajectory("airline", "airline-task-partial", 0);
        List<ExportRecord> records = new ArrayList<>(Exports.run(4, 2));
        records.add(ExportRecord.accepted(partial, 0.5, null, null, null));
        Path export = Exports.export(dir.resolve("partial"), records, false);

        List<Violation> violations = validate(export);
        assertEquals(Set.of(Rule.REWARD_CONSISTENCY.id()), violations.stream().map(Violation::rule).collect(Collectors.toSet()), violations.toString());
        assertMessage(violations, "has reward 1.0, got 0.5");
    }

    @Test
    void should_report_a_rejected_row_without_reasons() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "rejected", 1);
        Crafted.editRow(export, shard, 0, row -> row.putArray("reject_reasons"));

        List<Violation> violations = assertOnly(Rule.REWARD_CONSISTENCY, shard, 0L, export);
        assertMessage(violations, "a rejected row needs at least one reject reason");
    }

    @Test
    void should_report_a_reward_check_without_a_name() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 1);
        Crafted.editRow(export, shard, 0, row -> ((ObjectNode) row.get("reward_checks").get(1)).put("name", " "));

        List<Violation> violations = assertOnly(Rule.REWARD_CHECKS, shard, 0L, export);
        assertMessage(violations, "reward_checks[1] has a blank name");
    }

    @Test
    void should_report_a_reward_check_score_outside_the_unit_interval() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "rejected", 1);
        Crafted.editRow(export, shard, 0, row -> ((ObjectNode) row.get("reward_checks").get(0)).put("score", 1.5));

        List<Violation> violations = assertOnly(Rule.REWARD_CHECKS, shard, 0L, export);
        assertMessage(violations, "reward_checks[0] ('termination'): score must be in [0,1], got 1.5");
    }

    @Test
    void should_report_an_accepted_row_that_failed_a_check() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "validation", 1);
        Crafted.editRow(export, shard, 0, row -> ((ObjectNode) row.get("reward_checks").get(1)).put("passed", false).put("score", 0.0));

        List<Violation> violations = assertOnly(Rule.REWARD_CHECKS, shard, 0L, export);
        assertMessage(violations, "an accepted row (validation) passed every check, but 'state' failed");
    }

    @Test
    void should_report_a_check_that_appears_twice_in_a_row() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 1);
        Crafted.editRow(export, shard, 0, row -> ((ArrayNode) row.get("reward_checks")).add(row.get("reward_checks").get(0).deepCopy()));

        List<Violation> violations = assertOnly(Rule.REWARD_CHECKS, shard, 0L, export);
        assertMessage(violations, "check 'termination' appears twice");
    }

    @Test
    void should_report_a_current_shard_without_reward_checks() {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getFirst();
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        MessageType schema = footer.getFileMetaData().getSchema();
        List<Type> fields = new ArrayList<>(schema.getFields());
        fields.removeIf(f -> f.getName().equals("reward_checks"));
        Crafted.rewrite(export, shard, new MessageType(schema.getName(), fields), footer.getFileMetaData().getKeyValueMetaData(),
                CompressionCodecName.ZSTD);

        List<Violation> violations = assertOnly(Rule.SCHEMA, shard, null, export);
        assertMessage(violations, "missing column reward_checks");
    }

    @Test
    void should_pass_an_export_of_schema_version_1_which_has_no_reward_checks() {
        Path export = copy();
        for (String split : List.of("train", "validation", "rejected")) {
            for (String shard : Crafted.shards(export, split)) {
                ParquetMetadata footer = Crafted.footer(export.resolve(shard));
                MessageType schema = footer.getFileMetaData().getSchema();
                List<Type> fields = new ArrayList<>(schema.getFields());
                fields.removeIf(f -> List.of("reward_checks", "origin", "persona_traits", "user_tools", "user_tool_calls", "domain_origin", "tool_simulator_model").contains(f.getName()));
                Map<String, String> metadata = new HashMap<>(footer.getFileMetaData().getKeyValueMetaData());
                metadata.put("trajforge.schema_version", "1");
                List<ObjectNode> rows = Crafted.rows(export.resolve(shard));
                rows.forEach(row -> row.remove(List.of("reward_checks", "origin", "persona_traits", "user_tools", "user_tool_calls", "domain_origin", "tool_simulator_model")));
                rows.forEach(row -> row.put("schema_version", 1));
                Crafted.write(export.resolve(shard), new MessageType(schema.getName(), fields), metadata, CompressionCodecName.ZSTD, rows);
            }
        }
        Crafted.refreshManifest(export);
        Crafted.editManifest(export, m -> m.put("schema_version", 1));

        assertEquals(List.of(), validate(export));
    }

    @Test
    void should_report_a_task_that_is_in_both_train_and_validation() {
        Path export = copy();
        String trainShard = Crafted.shards(export, "train").getFirst();
        ObjectNode trainRow = Crafted.rows(export.resolve(trainShard)).getFirst();
        String task = trainRow.get("task_id").asText();
        String shard = Crafted.shardWithRows(export, "validation", 1);
        Crafted.editRow(export, shard, 0, row -> row
                .put("task_id", task)
                .put("domain", trainRow.get("domain").asText())
                .put("id", Trajectory.idFor(Exports.RUN_ID, task, row.get("trial").asInt())));

        List<Violation> violations = assertOnly(Rule.SPLIT_LEAK, shard, 0L, export);
        assertMessage(violations, "task '" + task + "' is also in train (" + trainShard + " row 0)");
    }

    @Test
    void should_report_a_row_of_another_run() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 2);
        Crafted.editRow(export, shard, 1, row -> row.put("run_id", "another-run")
                .put("id", Trajectory.idFor("another-run", row.get("task_id").asText(), row.get("trial").asInt())));

        List<Violation> violations = assertOnly(Rule.ROW_LINEAGE, shard, 1L, export);
        assertMessage(violations, "run_id is 'another-run'");
    }

    @Test
    void should_report_an_id_that_is_not_the_hash_of_run_task_and_trial() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "rejected", 1);
        Crafted.editRow(export, shard, 0, row -> row.put("id", "0".repeat(32)));

        List<Violation> violations = assertOnly(Rule.ROW_LINEAGE, shard, 0L, export);
        assertMessage(violations, "is not the hash of run id, task id and trial");
    }

    @Test
    void should_report_counts_that_disagree_with_the_messages() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "validation", 1);
        Crafted.editRow(export, shard, 0, row -> row.put("num_tool_calls", 7));

        List<Violation> violations = assertOnly(Rule.ROW_VALUES, shard, 0L, export);
        assertMessage(violations, "num_tool_calls is 7, the messages hold 2 tool calls");
    }

    @Test
    void should_report_an_unknown_source() {
        Path export = copy();
        String shard = Crafted.shardWithRows(export, "train", 1);
        Crafted.editRow(export, shard, 0, row -> row.put("source", "scraped"));

        List<Violation> violations = assertOnly(Rule.ROW_VALUES, shard, 0L, export);
        assertMessage(violations, "source is 'scraped'");
    }

    // --- other formats

    @Test
    void should_check_a_json_lines_export_by_its_format_and_report_a_line_that_is_not_json() throws IOException {
        Path export = copy();
        List<String> paths = new ArrayList<>();
        for (String split : List.of("train", "validation", "rejected")) {
            StringBuilder lines = new StringBuilder();
            for (String shard : Crafted.shards(export, split)) {
                for (ObjectNode row : Crafted.rows(export.resolve(shard))) {
                    ObjectNode line = row.objectNode();
                    line.set("messages", row.get("messages"));
                    line.put("tools", row.get("tools").asText());
                    lines.append(line).append('\n');
                }
                Files.delete(export.resolve(shard));
            }
            String path = "data/" + split + "-00000-of-00001.jsonl";
            Files.writeString(export.resolve(path), lines);
            paths.add(path);
        }
        Crafted.editManifest(export, m -> {
            var files = m.putArray("files");
            paths.forEach(p -> files.addObject().put("path", p).put("rows", 0).put("bytes", 0).put("sha256", "0".repeat(64)));
            m.put("format", "openai-jsonl");
        });
        Crafted.refreshManifest(export);
        Crafted.editManifest(export, m -> m.get("files").forEach(f -> ((ObjectNode) f).put("rows",
                lines(export.resolve(f.get("path").asText())))));

        DatasetValidator.Report report = DatasetValidator.check(export.toString(), new Configuration());
        assertEquals(List.of(), report.violations());
        assertEquals(3, report.files());

        Path train = export.resolve(paths.getFirst());
        List<String> content = new ArrayList<>(Files.readAllLines(train));
        content.set(1, "{\"messages\": [");
        Files.write(train, content);
        Crafted.refreshManifest(export);

        List<Violation> violations = assertOnly(Rule.FILE_READABLE, paths.getFirst(), null, export);
        assertMessage(violations, "line 2 is not valid JSON");
    }

    private static long lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // --- the report

    @Test
    void should_list_the_first_rows_of_a_systematic_break_and_count_the_rest() {
        Path export = copy();
        String shard = Crafted.shards(export, "train").getFirst();
        List<ObjectNode> rows = Crafted.rows(export.resolve(shard));
        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(rows.get(i % rows.size()).deepCopy());
        }
        many.forEach(row -> row.put("source", "scraped"));
        ParquetMetadata footer = Crafted.footer(export.resolve(shard));
        Crafted.write(export.resolve(shard), footer.getFileMetaData().getSchema(), footer.getFileMetaData().getKeyValueMetaData(),
                CompressionCodecName.ZSTD, many);
        Crafted.refreshManifest(export);
        long added = 25 - rows.size();
        Crafted.editManifest(export, m -> {
            m.put("accepted", m.get("accepted").asLong() + added).put("episodes", m.get("episodes").asLong() + added);
            ((ObjectNode) m.get("splits")).put("train", m.get("splits").get("train").asLong() + added);
        });

        List<Violation> violations = validate(export);
        assertEquals(Set.of(Rule.ROW_VALUES.id()), violations.stream().map(Violation::rule).collect(Collectors.toSet()), violations.toString());
        assertEquals(Violations.PER_RULE_AND_FILE + 1, violations.size(), violations.toString());
        assertEquals(Arrays.asList(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, null), violations.stream().map(Violation::row).toList());
        assertTrue(violations.getLast().message().startsWith("15 more rows break this rule"), violations.getLast().message());
    }

    @Test
    void should_render_a_violation_as_file_row_rule_message() {
        assertEquals("data/train-00000-of-00002.parquet:3: tool_call_pairing: message 4 (tool) answers nothing",
                new Violation("tool_call_pairing", "data/train-00000-of-00002.parquet", 3L, "message 4 (tool) answers nothing").render());
        assertEquals("_SUCCESS: success_marker: missing", new Violation("success_marker", "_SUCCESS", null, "missing").render());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
