package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact and near-duplicate removal: deterministic, first occurrence wins, counted under rejected.duplicate. */
class DedupTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String[] TURNS = {
            "Hello, I placed an order last week for a pair of hiking boots and a rain jacket and it has not shipped yet,"
                    + " could you please check what is going on with it and tell me when it will arrive at my home address",
            "My email address is maria.lopez2231 at example dot com and the order number should be the one ending in 1001,"
                    + " I would also like to know whether I can still change the size of the boots before it ships",
    };

    @TempDir
    Path dir;

    @Test
    void should_remove_exact_duplicates_with_other_call_ids_and_argument_key_order_and_count_them_as_rejected_duplicate() throws IOException {
        Trajectory first = Fixtures.trajectory("retail-task-1", 0, Fixtures.conversation("call_a", TURNS));
        List<Message> reordered = new ArrayList<>(Fixtures.conversation("call_b", TURNS));
        ToolCall call = new ToolCall("call_b_0", "get_order_details", "{ \"order_id\" : \"#W1000\" }");
        reordered.set(2, Message.assistant(null, null, List.of(call)));
        Trajectory second = Fixtures.trajectory("retail-task-1", 1, reordered);
        Trajectory other = Fixtures.trajectory("retail-task-2", 0, Fixtures.conversation("call_c", "Where is my parcel?"));
        List<ExportRecord> records = List.of(accepted(first), accepted(second), accepted(other),
                ExportRecord.rejected(Fixtures.trajectory("retail-task-3", 0, Fixtures.conversation("x", TURNS)), null, null, null,
                        List.of("final_state_mismatch")));

        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true).withDedup(Dedup.exactOnly()), records);

        assertEquals(new ExportResult.Duplicates(1, 0), result.duplicates());
        assertEquals(2, result.accepted());
        assertEquals(Map.of(Dedup.REASON, 1L, "final_state_mismatch", 1L), result.rejected());
        assertCountsAddUp(out, records.size());
        List<String> kept = DuckDb.strings("SELECT id FROM read_parquet('" + out + "/data/*.parquet') WHERE len(reject_reasons) = 0");
        assertTrue(kept.contains(first.id()) && !kept.contains(second.id()), "the first occurrence wins: " + kept);
        assertEquals(List.of("0.0 duplicate 1"), DuckDb.strings("SELECT reward || ' ' || reject_reasons[1] || ' ' || len(reject_reasons) FROM read_parquet('"
                + out + "/data/rejected-*.parquet') WHERE id = '" + second.id() + "'"));
    }

    @Test
    void should_not_treat_a_rejected_episode_as_a_duplicate_or_as_the_original() {
        Trajectory failed = Fixtures.trajectory("retail-task-1", 0, Fixtures.conversation("a", TURNS));
        Trajectory good = Fixtures.trajectory("retail-task-1", 1, Fixtures.conversation("b", TURNS));
        ExportResult result = Fixtures.export(Fixtures.settings(dir.resolve("out"), false).withDedup(Dedup.DEFAULT), List.of(
                ExportRecord.rejected(failed, null, null, null, List.of("max_turns")), accepted(good)));

        assertEquals(1, result.accepted());
        assertEquals(ExportResult.Duplicates.NONE, result.duplicates());
    }

    @Test
    void should_remove_a_near_duplicate_at_the_threshold_and_keep_it_just_below() throws IOException {
        Trajectory original = Fixtures.trajectory("retail-task-1", 0, Fixtures.conversation("a", TURNS));
        String[] edited = {TURNS[0].replace("hiking boots", "trail shoes"), TURNS[1]};
        Trajectory similar = Fixtures.trajectory("retail-task-1", 1, Fixtures.conversation("b", edited));
        double estimate = MinHash.similarity(MinHash.signature(MinHash.shingles(original)), MinHash.signature(MinHash.shingles(similar)));
        assertTrue(estimate > 0.75 && estimate < 0.95, "the edit leaves a high but not perfect similarity: " + estimate);
        List<ExportRecord> records = List.of(accepted(original), accepted(similar));

        Path at = dir.resolve("at");
        ExportResult removed = Fixtures.export(Fixtures.settings(at, true).withDedup(Dedup.withThreshold(estimate)), records);
        ExportResult kept = Fixtures.export(Fixtures.settings(dir.resolve("below"), true)
                .withDedup(Dedup.withThreshold(estimate + 1.0 / MinHash.PERMUTATIONS)), records);
        ExportResult disabled = Fixtures.export(Fixtures.settings(dir.resolve("off"), true)
                .withDedup(new Dedup(true, false, estimate)), records);

        assertEquals(new ExportResult.Duplicates(0, 1), removed.duplicates());
        assertEquals(1, removed.accepted());
        assertEquals(Map.of(Dedup.REASON, 1L), removed.rejected());
        assertCountsAddUp(at, records.size());
        assertEquals(List.of(similar.id()), DuckDb.strings("SELECT id FROM read_parquet('" + at + "/data/rejected-*.parquet')"));
        JsonNode dedup = JSON.readTree(at.resolve("manifest.json").toFile()).get("dedup");
        assertEquals(1, dedup.get("removed_near").asLong());
        assertEquals(128, dedup.get("minhash").get("permutations").asInt());
        assertEquals(MinHash.PERMUTATIONS, dedup.get("minhash").get("bands").asInt() * dedup.get("minhash").get("rows").asInt());

        assertEquals(ExportResult.Duplicates.NONE, kept.duplicates());
        assertEquals(2, kept.accepted());
        assertEquals(2, disabled.accepted(), "near-dedup off keeps near-duplicates");
    }

    @Test
    void should_keep_conversations_that_share_a_tool_sequence_but_not_what_the_user_says() {
        List<ExportRecord> records = new ArrayList<>();
        String[] topics = {"my blue kettle arrived broken and I want a refund to my card",
                "please change the delivery address of my sofa to my new flat in Leeds",
                "the headphones I bought do not charge any more, can I exchange them for another pair",
                "I was charged twice for the same lamp and need one payment reversed today"};
        for (int i = 0; i < topics.length; i++) {
            records.add(accepted(Fixtures.trajectory("retail-task-" + i, 0, Fixtures.conversation("c" + i, topics[i], "thank you"))));
        }
        ExportResult result = Fixtures.export(Fixtures.settings(dir.resolve("out"), false).withDedup(Dedup.DEFAULT), records);

        assertEquals(topics.length, result.accepted());
    }

    @Test
    void should_count_removed_duplicates_so_that_every_episode_is_counted_once() throws IOException {
        Path out = dir.resolve("out");
        List<ExportRecord> records = Fixtures.run(12, 3);
        ExportResult result = Fixtures.export(Fixtures.settings(out, true).withDedup(Dedup.DEFAULT), records);

        long acceptedIn = records.stream().filter(r -> r.status() == RecordStatus.ACCEPTED).count();
        assertTrue(result.duplicates().total() > 0, "the fixture repeats conversations across tasks");
        assertEquals(acceptedIn, result.accepted() + result.duplicates().total());
        assertEquals(result.duplicates().total(), result.rejected().get(Dedup.REASON));
        assertCountsAddUp(out, records.size());
        long rejectedRows = Long.parseLong(DuckDb.strings("SELECT count(*) FROM read_parquet('" + out + "/data/rejected-*.parquet')").getFirst());
        assertEquals(result.rejectedTotal(), rejectedRows, "with keep-rejected the duplicates land in the rejected split");
    }

    @Test
    void should_keep_and_remove_the_same_episodes_when_the_fingerprints_are_computed_ahead_on_other_threads() throws Exception {
        List<ExportRecord> records = new ArrayList<>(Fixtures.run(12, 3));
        records.add(accepted(Fixtures.trajectory("retail-task-1", 7, Fixtures.conversation("again", TURNS))));
        records.add(accepted(Fixtures.trajectory("retail-task-1", 8, Fixtures.conversation("again2", TURNS))));
        Path inline = dir.resolve("inline");
        Path ahead = dir.resolve("ahead");
        ExportResult expected = Fixtures.export(Fixtures.settings(inline, true).withDedup(Dedup.DEFAULT), records);

        ExportResult result;
        try (DatasetExport export = DatasetExport.open(Fixtures.settings(ahead, true).withDedup(Dedup.DEFAULT), Fixtures.conf());
             var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<DedupFingerprint>> fingerprints = new ArrayList<>();
            for (ExportRecord record : records) fingerprints.add(pool.submit(() -> export.fingerprint(record)));
            for (int i = 0; i < records.size(); i++) export.write(records.get(i), fingerprints.get(i).get());
            result = export.commit(Fixtures.CREATED_AT, UsageTotals.of(new UsageTotals.RoleUsage(records.size() * 2L, 1234, 567, 0.25),
                    UsageTotals.RoleUsage.NONE));
        }

        assertTrue(expected.duplicates().exact() + expected.duplicates().near() > 0, "the records hold duplicates: " + expected.duplicates());
        assertEquals(expected.duplicates(), result.duplicates());
        assertEquals(expected.accepted(), result.accepted());
        for (ExportResult.ShardFile file : expected.files()) {
            assertEquals(ReadBack.sha256(ReadBack.parquetJava(inline.resolve(file.path()))), ReadBack.sha256(ReadBack.parquetJava(ahead.resolve(file.path()))),
                    file.path());
        }
    }

    @Test
    void should_compute_the_same_signature_on_every_jvm() {
        long[] signature = MinHash.signature(List.of("u where is my", "t ^ get_order_details"));
        // fixed by the hash family, not by the JVM: a change here changes which episodes every past run kept
        assertEquals(List.of(44910348537097613L, 476840336979411168L, 1015204204190351536L),
                List.of(signature[0], signature[1], signature[127]));
        assertNull(MinHash.signature(List.of()));
    }

    @Test
    void should_multiply_modulo_the_mersenne_prime_exactly() {
        BigInteger p = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);
        long[] values = {0, 1, 2, 3, (1L << 61) - 2, (1L << 60) + 12345, 0x0123456789abcdefL & ((1L << 61) - 1), 987654321987654321L};
        for (long a : values) {
            for (long b : values) {
                long expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(p).longValueExact();
                assertEquals(expected, MinHash.mulMod(a, b), a + " * " + b);
            }
        }
    }

    @Test
    void should_estimate_jaccard_similarity_within_a_few_hundredths() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            a.add("u shingle " + i);
            b.add("u shingle " + (i + 60));  // 240 shared of 360: J = 2/3
        }
        double estimate = MinHash.similarity(MinHash.signature(a), MinHash.signature(b));
        assertEquals(2.0 / 3, estimate, 0.1);
        assertNotEquals(1.0, estimate);
    }

    @Test
    void should_band_for_the_threshold_so_that_a_pair_at_the_threshold_is_found() {
        Map<Double, Integer> rows = new TreeMap<>();
        for (double t : new double[] {0.5, 0.8, 0.9, 0.95}) {
            rows.put(t, LshIndex.rowsFor(t));
        }
        assertEquals(Map.of(0.5, 2, 0.8, 4, 0.9, 8, 0.95, 16), rows);
    }

    private static ExportRecord accepted(Trajectory t) {
        return ExportRecord.accepted(t, 1.0, null, null, null);
    }

    /** episodes = accepted + sum(rejected) + infra_failed, and train + validation rows = accepted, in manifest.json. */
    static void assertCountsAddUp(Path out, long episodes) throws IOException {
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        long rejected = 0;
        for (JsonNode count : manifest.get("rejected")) {
            rejected += count.asLong();
        }
        assertEquals(episodes, manifest.get("episodes").asLong());
        assertEquals(episodes, manifest.get("accepted").asLong() + rejected + manifest.get("infra_failed").asLong());
        long rows = 0;
        for (JsonNode file : manifest.get("files")) {
            if (!file.get("path").asText().startsWith("data/rejected-")) {
                rows += file.get("rows").asLong();
            }
        }
        assertEquals(manifest.get("accepted").asLong(), rows);
    }

}
