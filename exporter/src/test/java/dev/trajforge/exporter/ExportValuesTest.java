package dev.trajforge.exporter;

import dev.trajforge.simenv.Trajectory;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The value records validate at the door; the split function is stable. */
class ExportValuesTest {
    private final Trajectory trajectory = Fixtures.trajectory("retail", "retail-task-1", 0);

    @Test
    void should_reject_a_rejected_record_without_reasons_or_with_a_reward() {
        assertThrows(IllegalArgumentException.class, () -> ExportRecord.rejected(trajectory, null, null, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ExportRecord(trajectory, RecordStatus.REJECTED, 1.0, null, null, null, List.of("final_state_mismatch"), null, null));
        assertThrows(IllegalArgumentException.class, () -> ExportRecord.rejected(trajectory, null, null, null, List.of(" ")));
    }

    @Test
    void should_reject_an_accepted_record_with_reasons() {
        assertThrows(IllegalArgumentException.class,
                () -> new ExportRecord(trajectory, RecordStatus.ACCEPTED, 1.0, null, null, null, List.of("max_turns"), null, null));
    }

    @Test
    void should_reject_reward_checks_with_a_blank_name_or_a_score_outside_the_unit_interval() {
        assertThrows(IllegalArgumentException.class, () -> new RewardCheck(" ", true, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RewardCheck("state", true, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new RewardCheck("state", true, Double.NaN));
        assertEquals(new RewardCheck("state", false, 0.0), RewardCheck.deterministic("state", false));
        assertEquals(new RewardCheck("rubric_judge", true, 0.75), RewardCheck.rubricJudge(0.75, 0.75));
        assertEquals(new RewardCheck("rubric_judge", false, 0.74), RewardCheck.rubricJudge(0.74, 0.75));
    }

    @Test
    void should_reject_an_accepted_record_with_a_failed_check_and_an_infra_failure_with_checks() {
        ExportRecord accepted = ExportRecord.accepted(trajectory, 1.0, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> accepted.withChecks(List.of(RewardCheck.deterministic("state", false))));
        assertThrows(IllegalArgumentException.class, () -> accepted.withChecks(List.of(
                RewardCheck.deterministic("state", true), RewardCheck.deterministic("state", true))));
        assertThrows(IllegalArgumentException.class, () -> ExportRecord.infraFailed(trajectory)
                .withChecks(List.of(RewardCheck.deterministic("termination", true))));
        assertThrows(IllegalArgumentException.class, () -> accepted.withIntents(List.of(" ")));
        List<RewardCheck> failed = List.of(RewardCheck.deterministic("termination", true), RewardCheck.deterministic("state", false));
        assertEquals(failed, ExportRecord.rejected(trajectory, null, null, null, List.of("final_state_mismatch")).withChecks(failed).checks());
    }

    @Test
    void should_keep_checks_and_intents_when_an_accepted_record_becomes_a_duplicate() {
        List<RewardCheck> checks = List.of(RewardCheck.deterministic("state", true), RewardCheck.rubricJudge(0.9, 0.5));
        ExportRecord duplicate = ExportRecord.accepted(trajectory, 1.0, 0.9, "fine", "scripted/judge-v1")
                .withChecks(checks).withIntents(List.of("cancel")).asDuplicate();

        assertEquals(RecordStatus.REJECTED, duplicate.status());
        assertEquals(List.of(Dedup.REASON), duplicate.rejectReasons());
        assertEquals(checks, duplicate.checks());
        assertEquals(List.of("cancel"), duplicate.intents());
    }

    @Test
    void should_reject_rewards_and_judge_scores_outside_the_unit_interval() {
        assertThrows(IllegalArgumentException.class, () -> ExportRecord.accepted(trajectory, 1.5, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> ExportRecord.accepted(trajectory, Double.NaN, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> ExportRecord.accepted(trajectory, 1.0, -0.1, null, null));
        assertEquals(0.5, ExportRecord.accepted(trajectory, 0.5, 1.0, "fine", "openai/gpt-judge").reward());
    }

    @Test
    void should_validate_settings_and_default_the_sizes() {
        ExportSettings settings = ExportSettings.of("out", "quickstart", "abc", 0.1, false);
        assertEquals(256L << 20, settings.targetShardBytes());
        assertEquals(64L << 20, settings.rowGroupBytes());
        assertThrows(IllegalArgumentException.class, () -> ExportSettings.of("out", "run/../x", "abc", 0.1, false));
        assertThrows(IllegalArgumentException.class, () -> ExportSettings.of(" ", "run", "abc", 0.1, false));
        assertThrows(IllegalArgumentException.class, () -> ExportSettings.of("out", "run", "abc", 1.1, false));
        assertThrows(IllegalArgumentException.class, () -> settings.withSizes(0, 1));
    }

    @Test
    void should_always_report_agent_and_user_usage() {
        UsageTotals usage = UsageTotals.none().plus("judge", new UsageTotals.RoleUsage(3, 10, 5, 0.01));
        assertEquals(List.of("agent", "judge", "user"), List.copyOf(usage.roles().keySet()));
        assertEquals(UsageTotals.RoleUsage.NONE, usage.role("agent"));
    }

    @Test
    void should_refuse_a_result_whose_counts_do_not_add_up() {
        assertThrows(IllegalArgumentException.class, () -> new ExportResult(URI.create("file:/x"), 5, 3,
                Map.of("final_state_mismatch", 1L), 0, Map.of("train", 0L), List.of(), Map.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ExportResult(URI.create("file:/x"), 1, 1, Map.of(), 0,
                Map.of("train", 1L), List.of(new ExportResult.ShardFile("data/train-00000-of-00001.parquet", 2, 10, "ab")), Map.of(), Map.of()));
    }

    @Test
    void should_assign_splits_by_task_with_the_requested_fraction() {
        SplitAssigner assigner = new SplitAssigner(0.2);
        long validation = IntStream.range(0, 5_000).mapToObj(i -> "task-" + i).map(assigner::splitOf)
                .filter("validation"::equals).count();
        assertTrue(validation > 900 && validation < 1_100, "validation tasks: " + validation);
        assertEquals("train", new SplitAssigner(0.0).splitOf("task-1"));
        assertEquals("validation", new SplitAssigner(1.0).splitOf("task-1"));
    }

    @Test
    void should_keep_the_split_function_stable_across_releases() {
        // a change here moves tasks between train and validation in every future export: that is a contract change.
        // sha256("retail-task-0") starts 6e647b63768b1523; (0x6e647b63768b1523 >>> 11) / 2^53 = 0.4312207334356055
        // (checked independently with Python's hashlib)
        assertEquals(0.4312207334356055, SplitAssigner.position("retail-task-0"));
    }

    @Test
    void should_resolve_local_paths_to_absolute_file_uris_and_keep_hadoop_uris() {
        Path relative = OutputLayout.toHadoopPath("some dir/out");
        assertEquals("file", relative.toUri().getScheme());
        assertEquals(java.nio.file.Path.of("some dir/out").toAbsolutePath().toString(), relative.toUri().getPath());
        assertEquals(URI.create("hdfs://namenode:8020/datasets/run1"), OutputLayout.toHadoopPath("hdfs://namenode:8020/datasets/run1").toUri());
        assertEquals(URI.create("s3a://bucket/prefix/run1"), OutputLayout.toHadoopPath("s3a://bucket/prefix/run1").toUri());
        assertEquals(URI.create("file:/tmp/x"), OutputLayout.toHadoopPath("/tmp/x/").toUri());
    }
}
