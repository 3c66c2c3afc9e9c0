package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataset card's statistics, read from the README.md of a small export whose numbers are worked out
 * by hand: five episodes of three tasks in two domains, three accepted (1, 2 and 3 user turns; 2, 2 and
 * 3 tool calls), one rejected by the state check and the judge, one infra failure.
 */
class DatasetCardTest {
    @TempDir
    static Path dir;
    static String card;

    @BeforeAll
    static void export() throws IOException {
        List<ExportRecord> records = List.of(
                ExportRecord.accepted(Fixtures.trajectory("retail", "retail-1", 0), 1.0, 0.9, "fine", "scripted/judge-v1")
                        .withChecks(Fixtures.checks(null, 0.9)).withIntents(List.of("cancel")),
                ExportRecord.accepted(calling("retail", "retail-1", 1, "get_order_details", "cancel_pending_order"), 1.0, null, null, null)
                        .withChecks(Fixtures.checks(null, null)).withIntents(List.of("cancel")),
                ExportRecord.accepted(calling("airline", "airline-1", 0, "cancel_pending_order", "cancel_pending_order", "calculate"),
                        1.0, null, null, null).withChecks(Fixtures.checks(null, null)).withIntents(List.of("return", "modify_address")),
                ExportRecord.rejected(calling("airline", "airline-1", 1, "return_delivered_order_items"), 0.3, "wrong items",
                        "scripted/judge-v1", List.of("final_state_mismatch"))
                        .withChecks(Fixtures.checks("state", 0.3)).withIntents(List.of("return", "modify_address")),
                ExportRecord.infraFailed(Fixtures.trajectory("retail", "retail-2", 0)).withIntents(List.of("exchange")));
        Path out = dir.resolve("out");
        Fixtures.export(ExportSettings.of(out.toString(), Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.0, true), records);
        card = Files.readString(out.resolve("README.md"));
    }

    /** A trajectory with one user turn per call: the turn, the call, its result, a reply. */
    static Trajectory calling(String domain, String taskId, int trial, String... tools) {
        Trajectory like = Fixtures.trajectory(domain, taskId, trial);
        List<Message> messages = new ArrayList<>();
        messages.add(like.messages().getFirst());
        for (int i = 0; i < tools.length; i++) {
            ToolCall call = new ToolCall("call_" + like.id().substring(0, 8) + "_" + i, tools[i], "{\"order_id\":\"#W100" + i + "\"}");
            messages.add(Message.user("Please look at order #W100" + i + " (" + taskId + ", trial " + trial + ")."));
            messages.add(Message.assistant(null, null, List.of(call)));
            messages.add(Message.tool(ToolResult.ok(call, "{\"ok\":true}")));
            messages.add(Message.assistant("Done with #W100" + i + "."));
        }
        return new Trajectory(like.id(), domain, taskId, like.persona(), trial, like.seed(), messages, like.toolsJson(),
                like.termination(), like.finalStateHash(), like.usage(), like.lineage(), like.faults());
    }

    private static void assertSection(String text) {
        assertTrue(card.contains(text), "no\n" + text + "\nin\n" + card);
    }

    @Test
    void should_give_rows_per_split_and_acceptance_by_reason() {
        assertSection("""
                | split | rows | files |
                |---|---:|---:|
                | train | 3 | 1 |
                | rejected | 1 | 1 |
                """);
        assertSection("""
                | accepted | 3 |
                | rejected: final_state_mismatch | 1 |
                | infrastructure failure | 1 |
                | **total** | 5 |
                """);
    }

    @Test
    void should_give_mean_user_turns_and_tool_calls_per_accepted_episode() {
        assertSection("## Contents\n\n3 accepted episodes, with on average 2.00 user turns and 2.33 tool calls each.\n\n");
    }

    @Test
    void should_count_episodes_and_accepted_episodes_per_source() {
        assertSection("""
                | source | episodes | accepted |
                |---|---:|---:|
                | simulated | 5 | 3 |

                """);
    }

    @Test
    void should_count_episodes_and_accepted_episodes_per_domain() {
        assertSection("""
                ### Domains

                | domain | episodes | accepted |
                |---|---:|---:|
                | airline | 2 | 1 |
                | retail | 3 | 2 |

                """);
    }

    @Test
    void should_count_an_episode_under_each_intent_of_its_task() {
        assertSection("""
                | intent | episodes | accepted |
                |---|---:|---:|
                | cancel | 2 | 2 |
                | exchange | 1 | 0 |
                | modify_address | 2 | 1 |
                | return | 2 | 1 |

                """);
    }

    @Test
    void should_count_tool_calls_of_accepted_episodes_by_tool_most_called_first_then_by_name() {
        assertSection("""
                | tool | calls |
                |---|---:|
                | cancel_pending_order | 3 |
                | get_order_details | 3 |
                | calculate | 1 |

                """);
        assertFalse(card.contains("return_delivered_order_items"), "a rejected episode's calls are not counted");
    }

    @Test
    void should_show_how_often_each_reward_check_passed_in_check_order() {
        assertSection("""
                | check | passed | failed | mean score |
                |---|---:|---:|---:|
                | termination | 4 | 0 | 1.00 |
                | state | 3 | 1 | 0.75 |
                | info | 4 | 0 | 1.00 |
                | confirmation | 4 | 0 | 1.00 |
                | rubric_judge | 1 | 1 | 0.60 |

                """);
    }

    @Test
    void should_list_the_models_of_every_role() {
        assertSection("""
                ## Models

                | role | models |
                |---|---|
                | agent | `scripted/agent-v1` |
                | user | `scripted/user-v1` |
                | judge | `scripted/judge-v1` |

                """);
    }

    @Test
    void should_say_when_no_llm_judge_ran() {
        Path out = dir.resolve("unjudged");
        Fixtures.export(Fixtures.settings(out, false), List.of(ExportRecord.accepted(Fixtures.trajectory("retail", "retail-9", 0), 1.0, null, null, null)));

        assertTrue(read(out.resolve("README.md")).contains("| judge | none (no LLM judge ran) |\n"));
    }

    @Test
    void should_count_a_removed_duplicate_as_a_rejected_episode() {
        Trajectory first = Fixtures.trajectory("retail", "retail-1", 0);
        Trajectory again = new Trajectory(Trajectory.idFor(Fixtures.RUN_ID, "retail-3", 0), "retail", "retail-3", first.persona(), 0,
                first.seed(), first.messages(), first.toolsJson(), first.termination(), first.finalStateHash(), first.usage(),
                first.lineage(), first.faults());
        Path out = dir.resolve("dedup");
        Fixtures.export(Fixtures.settings(out, false).withDedup(Dedup.exactOnly()), List.of(
                ExportRecord.accepted(first, 1.0, null, null, null).withChecks(Fixtures.checks(null, null)).withIntents(List.of("cancel")),
                ExportRecord.accepted(again, 1.0, null, null, null).withChecks(Fixtures.checks(null, null)).withIntents(List.of("cancel"))));
        String text = read(out.resolve("README.md"));

        assertTrue(text.contains("1 accepted episode, with on average 1.00 user turns and 2.00 tool calls.\n"), text);
        assertTrue(text.contains("| retail | 2 | 1 |\n"), text);
        assertTrue(text.contains("| get_order_details | 2 |\n"), text);
        assertTrue(text.contains("| termination | 2 | 0 | 1.00 |\n"), text);
    }

    @Test
    void should_count_an_episode_without_intents_under_unknown() {
        CardStats stats = new CardStats();
        stats.add(ExportRecord.accepted(Fixtures.trajectory("retail", "retail-1", 0), 1.0, null, null, null));

        assertTrue(stats.render().contains("| (unknown) | 1 | 1 |\n"), stats.render());
    }

    @Test
    void should_tell_apart_a_bounded_number_of_tool_names_and_count_the_rest_together() {
        CardStats stats = new CardStats();
        String[] tools = IntStream.rangeClosed(0, CardStats.MAX_TOOL_NAMES + 1).mapToObj(i -> String.format("tool_%05d", i)).toArray(String[]::new);
        stats.add(ExportRecord.accepted(calling("retail", "retail-1", 0, tools), 1.0, null, null, null));
        String text = stats.render();

        assertTrue(text.contains("| (other tools) | 2 |\n"), "the last two names");
        assertTrue(text.contains("| tool_00999 | 1 |\n"), "the first names stay apart");
        assertFalse(text.contains("tool_01000"), "a name beyond the limit is not told apart");
    }

    @Test
    void should_keep_a_table_cell_on_one_line_with_pipes_escaped() {
        assertEquals("a \\| b c", CardStats.cell("a | b\nc"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
