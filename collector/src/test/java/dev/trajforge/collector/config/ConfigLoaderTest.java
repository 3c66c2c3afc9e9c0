package dev.trajforge.collector.config;

import dev.trajforge.simenv.agent.AgentErrorRates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            runId: t1
            domain: retail
            tasks: 10
            output: out/t1
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return write("run.yaml", yaml);
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private static LoadedConfig load(Path file, String... overrides) {
        return ConfigLoader.load(file, List.of(overrides));
    }

    private static String failure(Path file, String... overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(file, overrides));
        assertFalse(e.getMessage().contains("\n"), () -> "message is one line: " + e.getMessage());
        return e.getMessage();
    }

    // ------------------------------------------------------------ the happy path and defaults

    @Test
    void should_load_the_quickstart_example() {
        LoadedConfig loaded = load(Path.of("../examples/quickstart.yaml"));
        RunConfig config = loaded.config();
        assertEquals("quickstart", config.runId());
        assertEquals(7, config.seed());
        assertEquals("retail", config.domain());
        assertEquals(500, config.tasks());
        assertEquals(2, config.trials());
        assertEquals(8, config.concurrency());
        assertEquals("out/quickstart", config.output());
        assertEquals(ModelSpec.DEFAULT_AGENT, config.agent());
        assertEquals(ModelSpec.DEFAULT_USER, config.user());
        assertNull(config.judge());
        assertEquals("scripted/oracle-agent", config.agent().label());
        assertTrue(loaded.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void should_fill_defaults_when_optional_keys_are_absent() throws IOException {
        RunConfig config = load(write(MINIMAL)).config();
        assertEquals(RunConfig.withDefaults("t1", 0, "retail", 10, "out/t1"), config);
        assertEquals(0, config.seed());
        assertEquals(1, config.trials());
        assertEquals(30, config.maxTurns());
        assertEquals(5, config.maxToolErrors());
        assertEquals(2 * Runtime.getRuntime().availableProcessors(), config.concurrency());
        assertEquals(0.1, config.validationFraction());
        assertFalse(config.keepRejected());
        assertEquals(ModelSpec.scripted("oracle-agent", new AgentErrorRates(0.12, 0.06, 0.06, 0.05)), config.agent());
        assertEquals(ModelSpec.scripted("persona-user", null), config.user());
        assertNull(config.judge());
    }

    @Test
    void should_take_default_for_each_error_rate_that_is_absent() throws IOException {
        RunConfig config = load(write(MINIMAL + """
                agent:
                  errors:
                    skipStep: 0.5
                """)).config();
        assertEquals(new AgentErrorRates(0.12, 0.5, 0.06, 0.05), config.agent().errors());
        assertEquals("scripted/oracle-agent", config.agent().label());
    }

    @Test
    void should_read_every_model_option() throws IOException {
        RunConfig config = load(write(MINIMAL + """
                agent:
                  provider: openai
                  model: qwen3-8b
                  baseUrl: http://127.0.0.1:8000/v1
                  apiKeyEnv: VLLM_API_KEY
                  temperature: 0.7
                  topP: 0.95
                  maxTokens: 4096
                  seed: 42
                  timeoutSeconds: 120
                  extraBody:
                    chat_template_kwargs: {enable_thinking: true}
                    top_k: 20
                  returnThinking: true
                  inputPricePerMillion: 0.1
                  outputPricePerMillion: 0.4
                judge:
                  provider: anthropic
                  model: claude-sonnet-4-5
                  apiKeyEnv: ANTHROPIC_API_KEY
                """)).config();
        ModelSpec agent = config.agent();
        assertEquals("openai/qwen3-8b", agent.label());
        assertEquals("http://127.0.0.1:8000/v1", agent.baseUrl());
        assertEquals("VLLM_API_KEY", agent.apiKeyEnv());
        assertEquals(0.7, agent.temperature());
        assertEquals(0.95, agent.topP());
        assertEquals(4096, agent.maxTokens());
        assertEquals(42L, agent.seed());
        assertEquals(java.time.Duration.ofSeconds(120), agent.timeout().orElseThrow());
        assertEquals(Map.of("enable_thinking", true), agent.extraBody().get("chat_template_kwargs"));
        assertEquals(20, agent.extraBody().get("top_k"));
        assertEquals(true, agent.returnThinking());
        assertEquals(0.4, agent.outputPricePerMillion());
        assertNull(agent.errors(), "error rates are for the scripted agent only");
        assertEquals("anthropic/claude-sonnet-4-5", config.judge().label());
    }

    @Test
    void should_read_a_whole_number_where_a_fraction_is_expected() throws IOException {
        RunConfig config = load(write(MINIMAL + """
                validationFraction: 0
                agent: {provider: openai, model: m, temperature: 1}
                """)).config();
        assertEquals(0.0, config.validationFraction());
        assertEquals(1.0, config.agent().temperature());
    }

    @Test
    void should_accept_a_numeric_run_id_as_text() throws IOException {
        RunConfig config = load(write(MINIMAL.replace("runId: t1", "runId: 2024"))).config();
        assertEquals("2024", config.runId());
    }

    // ------------------------------------------------------------ errors name the file and the key

    @Test
    void should_name_key_and_file_when_key_is_unknown() throws IOException {
        Path file = write(MINIMAL + """
                agent:
                  provider: scripted
                  modle: oracle-agent
                """);
        assertEquals("config " + file + ": unknown key 'agent.modle' (did you mean 'model'? valid keys under 'agent':"
                + " apiKeyEnv, baseUrl, cachedInputPricePerMillion, errors, extraBody, inputPricePerMillion, maxConcurrency, maxTokens, model,"
                + " outputPricePerMillion, promptCaching, provider, requestsPerMinute, returnThinking, seed, temperature, timeoutSeconds,"
                + " tokensPerMinute, topP)", failure(file));
    }

    @Test
    void should_list_top_level_keys_when_top_level_key_is_unknown() throws IOException {
        Path file = write(MINIMAL + "task: 5\n");
        String message = failure(file);
        assertTrue(message.startsWith("config " + file + ": unknown key 'task' (did you mean 'tasks'? valid keys: agent,"),
                message);
        assertTrue(message.contains("validationFraction"), message);
    }

    @Test
    void should_name_key_when_value_breaks_a_rule() throws IOException {
        Path file = write(MINIMAL.replace("tasks: 10", "tasks: -5"));
        assertEquals("config " + file + ": key 'tasks': must be > 0, got -5", failure(file));
    }

    @Test
    void should_name_nested_key_when_nested_value_breaks_a_rule() throws IOException {
        Path file = write(MINIMAL + """
                agent:
                  errors:
                    endEarly: 1.5
                """);
        assertEquals("config " + file + ": key 'agent.errors.endEarly': must be in [0, 1], got 1.5", failure(file));
    }

    @Test
    void should_not_coerce_text_into_a_number() throws IOException {
        Path file = write(MINIMAL + "seed: abc\n");
        assertEquals("config " + file + ": key 'seed': expected an integer, got \"abc\"", failure(file));
    }

    @Test
    void should_not_coerce_quoted_digits_into_a_number() throws IOException {
        Path file = write(MINIMAL.replace("tasks: 10", "tasks: \"10\""));
        assertEquals("config " + file + ": key 'tasks': expected an integer, got \"10\"", failure(file));
    }

    @Test
    void should_not_truncate_a_fraction_into_an_integer() throws IOException {
        Path file = write(MINIMAL.replace("tasks: 10", "tasks: 1.5"));
        assertEquals("config " + file + ": key 'tasks': expected an integer, got 1.5", failure(file));
    }

    @Test
    void should_reject_an_integer_too_large_for_its_key() throws IOException {
        Path file = write(MINIMAL.replace("tasks: 10", "tasks: 99999999999"));
        assertEquals("config " + file + ": key 'tasks': expected an integer in its range, got 99999999999",
                failure(file));
    }

    @Test
    void should_not_coerce_text_into_a_boolean() throws IOException {
        Path file = write(MINIMAL + "keepRejected: \"true\"\n");
        assertEquals("config " + file + ": key 'keepRejected': expected true or false, got \"true\"", failure(file));
    }

    @Test
    void should_reject_null_for_a_number() throws IOException {
        Path file = write(MINIMAL + "trials: null\n");
        assertEquals("config " + file + ": key 'trials': expected an integer, got null", failure(file));
    }

    @Test
    void should_name_the_expected_shape_when_a_mapping_is_a_scalar() throws IOException {
        Path file = write(MINIMAL + "agent: openai\n");
        assertEquals("config " + file + ": key 'agent': expected a mapping of keys, got \"openai\"", failure(file));
    }

    @Test
    void should_name_missing_required_key() throws IOException {
        Path file = write(MINIMAL.replace("domain: retail\n", ""));
        assertEquals("config " + file + ": missing required key 'domain'", failure(file));
    }

    @Test
    void should_name_missing_required_nested_key() throws IOException {
        Path file = write(MINIMAL + """
                judge:
                  provider: openai
                """);
        assertEquals("config " + file + ": missing required key 'judge.model'", failure(file));
    }

    @Test
    void should_reject_an_unknown_provider() throws IOException {
        Path file = write(MINIMAL + """
                user:
                  provider: gemini
                  model: g
                """);
        assertEquals("config " + file + ": key 'user.provider': must be one of scripted, openai, anthropic, ollama,"
                + " got \"gemini\"", failure(file));
    }

    @Test
    void should_reject_a_run_id_that_is_not_a_plain_name() throws IOException {
        Path file = write(MINIMAL.replace("runId: t1", "runId: ../escape"));
        assertTrue(failure(file).startsWith("config " + file + ": key 'runId': must match [A-Za-z0-9._-]{1,64}"));
    }

    @Test
    void should_reject_a_base_url_that_is_not_http() throws IOException {
        Path file = write(MINIMAL + """
                agent:
                  provider: openai
                  model: m
                  baseUrl: localhost:8000
                """);
        assertEquals("config " + file + ": key 'agent.baseUrl': must be an http:// or https:// URL, got \"localhost:8000\"",
                failure(file));
    }

    @Test
    void should_reject_error_rates_for_the_user_simulator() throws IOException {
        Path file = write(MINIMAL + """
                user:
                  provider: scripted
                  errors: {wrongArgument: 0.1, skipStep: 0, noConfirmation: 0, endEarly: 0}
                """);
        assertEquals("config " + file + ": key 'user.errors': error rates apply to the scripted agent only",
                failure(file));
    }

    @Test
    void should_reject_an_api_key_and_point_to_api_key_env() throws IOException {
        Path file = write(MINIMAL + """
                agent:
                  provider: openai
                  model: gpt-5
                  apiKey: sk-very-secret
                """);
        String message = failure(file);
        assertTrue(message.startsWith("config " + file + ": key 'agent.apiKey': secrets do not belong in a config"),
                message);
        assertTrue(message.contains("apiKeyEnv"), message);
        assertFalse(message.contains("sk-very-secret"), message);
    }

    @Test
    void should_reject_an_api_key_hidden_in_extra_body() throws IOException {
        Path file = write(MINIMAL + """
                agent:
                  provider: openai
                  model: gpt-5
                  extraBody: {api_key: sk-very-secret}
                """);
        assertTrue(failure(file).startsWith("config " + file + ": key 'agent.extraBody.api_key': secrets do not belong"));
    }

    @Test
    void should_reject_api_key_env_that_is_not_a_variable_name() throws IOException {
        Path file = write(MINIMAL + """
                agent:
                  provider: openai
                  model: gpt-5
                  apiKeyEnv: sk-very-secret
                """);
        String message = failure(file);
        assertTrue(message.startsWith("config " + file + ": key 'agent.apiKeyEnv': must be the NAME of an environment"
                + " variable"), message);
        assertFalse(message.contains("sk-very-secret"), message);
    }

    @Test
    void should_say_file_not_found() {
        assertEquals("config missing.yaml: file not found", failure(Path.of("missing.yaml")));
    }

    @Test
    void should_say_file_is_empty() throws IOException {
        Path file = write("# nothing here yet\n");
        assertTrue(failure(file).startsWith("config " + file + ": file is empty"));
    }

    @Test
    void should_reject_a_top_level_list() throws IOException {
        Path file = write("- runId: t1\n");
        assertEquals("config " + file + ": expected a mapping of keys at the top level, got a list", failure(file));
    }

    @Test
    void should_give_line_of_a_yaml_syntax_error() throws IOException {
        Path file = write(MINIMAL + "agent:\n  provider: [openai\n  model: x\n");
        assertEquals("config " + file + ": line 7, column 8: YAML syntax error: expected ',' or ']', but got :"
                + " (while parsing a flow sequence)", failure(file));
    }

    @Test
    void should_give_line_of_a_duplicate_key() throws IOException {
        Path file = write(MINIMAL + "tasks: 20\n");
        assertEquals("config " + file + ": line 5, column 6: duplicate key 'tasks'", failure(file));
    }

    @Test
    void should_reject_a_second_yaml_document() throws IOException {
        Path file = write(MINIMAL + "---\nseed: 3\n");
        assertEquals("config " + file + ": line 6, column 1: a second YAML document starts here;"
                + " a run config is one document", failure(file));
    }

    // ------------------------------------------------------------ overrides

    @Test
    void should_apply_overrides_with_typed_values() throws IOException {
        RunConfig config = load(write(MINIMAL), "tasks=20", "keepRejected=true", "validationFraction=0.25",
                "runId=run-2", "seed=-3").config();
        assertEquals(20, config.tasks());
        assertTrue(config.keepRejected());
        assertEquals(0.25, config.validationFraction());
        assertEquals("run-2", config.runId());
        assertEquals(-3, config.seed());
    }

    @Test
    void should_apply_nested_override_over_the_file() {
        RunConfig config = load(Path.of("../examples/quickstart.yaml"), "agent.errors.endEarly=0").config();
        assertEquals(new AgentErrorRates(0.12, 0.06, 0.06, 0), config.agent().errors());
    }

    @Test
    void should_create_intermediate_objects_for_an_override() throws IOException {
        RunConfig config = load(write(MINIMAL), "agent.errors.endEarly=0",
                "judge.provider=openai", "judge.model=gpt-5-mini", "judge.baseUrl=http://127.0.0.1:8000/v1").config();
        assertEquals(new AgentErrorRates(0.12, 0.06, 0.06, 0), config.agent().errors());
        assertEquals("openai/gpt-5-mini", config.judge().label());
        assertEquals("http://127.0.0.1:8000/v1", config.judge().baseUrl());
    }

    @Test
    void should_switch_the_quickstart_to_a_served_model_with_overrides_alone() {
        RunConfig config = load(Path.of("../examples/quickstart.yaml"), "agent.provider=openai",
                "agent.model=Qwen/Qwen3-8B", "agent.baseUrl=http://127.0.0.1:8000/v1",
                "agent.extraBody={chat_template_kwargs: {enable_thinking: false}}").config();
        assertEquals("openai/Qwen/Qwen3-8B", config.agent().label());
        assertEquals("http://127.0.0.1:8000/v1", config.agent().baseUrl());
        assertEquals(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)), config.agent().extraBody());
        assertNull(config.agent().errors());
    }

    @Test
    void should_remove_the_judge_with_a_null_override() throws IOException {
        RunConfig config = load(write(MINIMAL + "judge: {provider: openai, model: m}\n"), "judge=null").config();
        assertNull(config.judge());
    }

    @Test
    void should_take_an_override_value_that_is_not_yaml_as_text() throws IOException {
        RunConfig config = load(write(MINIMAL), "output=s3a://bucket/runs/a: b").config();
        assertEquals("s3a://bucket/runs/a: b", config.output());
    }

    @Test
    void should_name_the_override_when_it_has_no_equals_sign() throws IOException {
        assertEquals("--set tasks: expected key=value, such as tasks=20", failure(write(MINIMAL), "tasks"));
    }

    @Test
    void should_name_the_override_when_its_key_is_not_a_path() throws IOException {
        assertTrue(failure(write(MINIMAL), "agent..model=x").startsWith("--set agent..model=x: key 'agent..model'"));
    }

    @Test
    void should_name_the_override_when_its_value_has_the_wrong_type() throws IOException {
        assertEquals("--set tasks=abc: expected an integer, got \"abc\"", failure(write(MINIMAL), "tasks=abc"));
    }

    @Test
    void should_name_the_override_when_its_value_breaks_a_rule() throws IOException {
        assertEquals("--set agent.errors.endEarly=2: must be in [0, 1], got 2.0",
                failure(write(MINIMAL), "agent.errors.endEarly=2"));
    }

    @Test
    void should_name_the_override_when_its_key_is_unknown() throws IOException {
        assertTrue(failure(write(MINIMAL), "agent.modle=x")
                .startsWith("--set agent.modle=x: unknown key 'agent.modle' (did you mean 'model'?"));
    }

    @Test
    void should_name_the_override_when_it_goes_through_a_scalar() throws IOException {
        assertEquals("--set tasks.max=1: 'tasks' is 10, not a mapping of keys", failure(write(MINIMAL), "tasks.max=1"));
    }

    @Test
    void should_reject_an_api_key_given_as_an_override() throws IOException {
        String message = failure(write(MINIMAL), "agent.apiKey=sk-very-secret");
        assertTrue(message.startsWith("--set agent.apiKey: secrets do not belong in a config"), message);
        assertFalse(message.contains("sk-very-secret"), message);
    }

    @Test
    void should_not_repeat_an_override_value_that_may_be_a_secret() throws IOException {
        String message = failure(write(MINIMAL), "agent.provider=openai", "agent.model=m", "agent.apiKeyEnv=sk-live-0123456789");
        assertTrue(message.startsWith("--set agent.apiKeyEnv: must be the NAME of an environment variable"), message);
        assertFalse(message.contains("sk-live-0123456789"), message);
    }

    // ------------------------------------------------------------ keys named once, blamed where they came from

    @Test
    void should_name_the_judging_key_once_when_votes_is_zero() throws IOException {
        Path file = write(MINIMAL + "judging: {votes: 0}\n");
        assertEquals("config " + file + ": key 'judging.votes': must be in [1, 9], got 0", failure(file));
    }

    @Test
    void should_name_the_budget_key_once_when_a_limit_is_zero() throws IOException {
        Path file = write(MINIMAL + "budget: {maxEpisodes: 0}\n");
        assertEquals("config " + file + ": key 'budget.maxEpisodes': must be > 0, got 0", failure(file));
    }

    @Test
    void should_blame_the_override_not_the_file_when_a_set_value_breaks_a_nested_rule() throws IOException {
        assertEquals("--set judging.votes=0: must be in [1, 9], got 0", failure(write(MINIMAL), "judging.votes=0"));
        assertEquals("--set budget.maxCostUsd=-1: must be > 0, got -1.0", failure(write(MINIMAL), "budget.maxCostUsd=-1"));
    }

    @Test
    void should_blame_the_override_not_the_file_when_a_set_value_names_an_unknown_domain() throws IOException {
        assertEquals("--set domain=bank: unknown domain 'bank' (known: airline, banking, retail, telecom, workspace)", failure(write(MINIMAL), "domain=bank"));
    }

    @Test
    void should_name_the_key_inside_an_override_that_sets_a_whole_mapping() throws IOException {
        assertEquals("--set judging={votes: 10}: key 'judging.votes': must be in [1, 9], got 10",
                failure(write(MINIMAL), "judging={votes: 10}"));
    }

    @Test
    void should_reject_an_unknown_scripted_model_naming_the_key_and_the_known_models() throws IOException {
        Path file = write(MINIMAL + "agent: {provider: scripted, model: scripted/nonexistent}\n");
        assertEquals("config " + file + ": key 'agent.model': unknown scripted agent model \"scripted/nonexistent\""
                + " (the scripted agent is oracle-agent; known scripted models: oracle-agent for the agent, persona-user for the user, world-model for the tool simulator)",
                failure(file));
    }

    @Test
    void should_reject_an_unknown_scripted_user_model_given_with_set() throws IOException {
        String message = failure(write(MINIMAL), "user.model=oracle-agent");
        assertTrue(message.startsWith("--set user.model=oracle-agent: unknown scripted user model \"oracle-agent\""), message);
        assertTrue(message.contains("persona-user"), message);
    }

    @Test
    void should_reject_a_scripted_judge_naming_the_key() throws IOException {
        Path file = write(MINIMAL + "judge: {provider: scripted, model: oracle-agent}\n");
        assertTrue(failure(file).startsWith("config " + file + ": key 'judge.provider': the rubric judge needs a model provider"), failure(file));
    }
}
