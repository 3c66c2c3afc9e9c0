package dev.trajforge.collector.config;

import dev.trajforge.simenv.agent.AgentErrorRates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunConfigTest {

    private static final RunConfig BASE = RunConfig.withDefaults("r", 1, "retail", 3, "out/r");

    @Test
    void should_change_only_the_output_when_given_a_new_output() {
        RunConfig moved = BASE.withOutput("hdfs://nn:8020/runs/r");
        assertEquals("hdfs://nn:8020/runs/r", moved.output());
        assertEquals(BASE, moved.withOutput("out/r"));
    }

    @Test
    void should_reject_a_blank_output() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.withOutput(" "));
        assertEquals("output: must not be blank", e.getMessage());
    }

    @Test
    void should_count_episodes_as_tasks_times_trials() {
        RunConfig config = new RunConfig("r", 1, "retail", 500, 2, 30, 5, 8, 0.1, "out", false,
                ModelSpec.DEFAULT_AGENT, ModelSpec.DEFAULT_USER, null, Judging.DEFAULT, Budget.NONE);
        assertEquals(1000, config.episodes());
    }

    @Test
    void should_reject_a_validation_fraction_of_one() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunConfig("r", 1,
                "retail", 3, 1, 30, 5, 8, 1.0, "out", false, ModelSpec.DEFAULT_AGENT, ModelSpec.DEFAULT_USER, null, Judging.DEFAULT, Budget.NONE));
        assertEquals("validationFraction: must be in [0, 1), got 1.0", e.getMessage());
    }

    @Test
    void should_label_a_model_as_provider_slash_model() {
        assertEquals("scripted/oracle-agent", ModelSpec.DEFAULT_AGENT.label());
        assertEquals("scripted/persona-user", ModelSpec.DEFAULT_USER.label());
    }

    @Test
    void should_make_no_mistakes_with_no_error_rates() {
        assertEquals(AgentErrorRates.NONE, ModelSpec.scripted("oracle-agent", null).errorRates());
        assertEquals(new AgentErrorRates(0, 0, 0, 0), AgentErrorRates.NONE);
    }

    @Test
    void should_drop_error_rates_for_a_provider_that_is_not_scripted() {
        ModelSpec spec = new ModelSpec("ollama", "qwen3", null, null, null, null, null, null, null, null, null,
                null, null, AgentErrorRates.DEFAULT);
        assertNull(spec.errors());
    }

    @Test
    void should_reject_a_rate_outside_zero_to_one() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AgentErrorRates(0, Double.NaN, 0, 0));
        assertEquals("skipStep: must be in [0, 1], got NaN", e.getMessage());
    }
}
