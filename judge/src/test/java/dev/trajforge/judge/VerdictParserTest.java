package dev.trajforge.judge;

import dev.trajforge.simenv.Criterion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictParserTest {
    private static final List<Criterion> RUBRIC = List.of(
            new Criterion("identity", "The agent authenticated the user.", 1.0),
            new Criterion("outcome_1", "The order was cancelled after confirmation.", 1.0));

    private static String invalid(String reply) {
        return assertInstanceOf(VerdictParser.Invalid.class, VerdictParser.parse(reply, RUBRIC), reply).reason();
    }

    private static List<CriterionVerdict> parsed(String reply) {
        return assertInstanceOf(VerdictParser.Parsed.class, VerdictParser.parse(reply, RUBRIC), reply).verdicts();
    }

    @Test
    void should_return_the_verdicts_in_rubric_order_whatever_the_reply_order() {
        List<CriterionVerdict> verdicts = parsed("""
                {"verdicts":[{"criterion":"outcome_1","reason":" Cancelled after a yes. ","verdict":"pass"},
                             {"criterion":"identity","reason":"Never asked for the email.","verdict":"Fail"}]}""");
        assertEquals(List.of(new CriterionVerdict("identity", "Never asked for the email.", false),
                new CriterionVerdict("outcome_1", "Cancelled after a yes.", true)), verdicts);
    }

    @Test
    void should_accept_a_bare_fence_and_surrounding_whitespace() {
        assertEquals(2, parsed("  ```\n{\"verdicts\":[{\"criterion\":\"identity\",\"reason\":\"ok\",\"verdict\":\"pass\"},"
                + "{\"criterion\":\"outcome_1\",\"reason\":\"ok\",\"verdict\":\"pass\"}]}\n```  ").size());
    }

    @Test
    void should_reject_text_before_a_fenced_block() {
        assertTrue(invalid("Here you go:\n```json\n{\"verdicts\":[]}\n```").contains("not JSON"));
    }

    @Test
    void should_reject_two_fenced_blocks() {
        String block = "```json\n{\"verdicts\":[{\"criterion\":\"identity\",\"reason\":\"ok\",\"verdict\":\"pass\"},"
                + "{\"criterion\":\"outcome_1\",\"reason\":\"ok\",\"verdict\":\"pass\"}]}\n```";
        assertTrue(invalid(block + "\n" + block).contains("not JSON"));
    }

    @Test
    void should_reject_a_blank_reason() {
        String reason = invalid("{\"verdicts\":[{\"criterion\":\"identity\",\"reason\":\"  \",\"verdict\":\"pass\"},"
                + "{\"criterion\":\"outcome_1\",\"reason\":\"ok\",\"verdict\":\"pass\"}]}");
        assertEquals("criterion 'identity': blank or missing reason", reason);
    }

    @Test
    void should_reject_a_verdict_other_than_pass_or_fail() {
        String reason = invalid("{\"verdicts\":[{\"criterion\":\"identity\",\"reason\":\"ok\",\"verdict\":\"partial\"},"
                + "{\"criterion\":\"outcome_1\",\"reason\":\"ok\",\"verdict\":true}]}");
        assertTrue(reason.contains("criterion 'identity': verdict must be \"pass\" or \"fail\", got \"partial\""), reason);
        assertTrue(reason.contains("criterion 'outcome_1': verdict must be \"pass\" or \"fail\", got true"), reason);
    }

    @Test
    void should_name_every_problem_at_once() {
        String reason = invalid("{\"verdicts\":[{\"criterion\":\"identity\",\"reason\":\"ok\",\"verdict\":\"pass\"},"
                + "{\"criterion\":\"identity\",\"reason\":\"ok\",\"verdict\":\"fail\"},{\"criterion\":\"tone\",\"reason\":\"ok\",\"verdict\":\"pass\"}]}");
        assertEquals("duplicate criterion 'identity'; unknown criterion 'tone'; missing criterion 'outcome_1'", reason);
    }

    @Test
    void should_reject_fields_the_format_does_not_have() {
        String reason = invalid("{\"score\":1,\"verdicts\":[{\"criterion\":\"identity\",\"reason\":\"ok\",\"verdict\":\"pass\",\"confidence\":0.9},"
                + "{\"criterion\":\"outcome_1\",\"reason\":\"ok\",\"verdict\":\"pass\"}]}");
        assertTrue(reason.contains("unexpected field 'score'"), reason);
        assertTrue(reason.contains("verdict 0: unexpected field 'confidence'"), reason);
    }

    @Test
    void should_reject_anything_but_an_object_with_a_verdicts_array() {
        assertEquals("empty reply", invalid("   "));
        assertEquals("not a JSON object but array", invalid("[{\"criterion\":\"identity\"}]"));
        assertEquals("no 'verdicts' field", invalid("{}"));
        assertEquals("'verdicts' is not an array", invalid("{\"verdicts\":{\"identity\":\"pass\"}}"));
        assertEquals("empty verdicts: expected 2 (identity, outcome_1)", invalid("{\"verdicts\":[]}"));
        assertTrue(invalid("{\"verdicts\":[").startsWith("not JSON"));
        assertTrue(invalid("{\"verdicts\":[\"pass\",\"pass\"]}").contains("verdict 0 is not an object"));
    }
}
