package dev.trajforge.collector.config;

import dev.trajforge.simenv.agent.AgentErrorRates;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which model plays a role (agent, user or judge) and how it is called. Only {@code provider} and
 * {@code model} are required; every other component is null when not set, which means "the
 * provider's default".
 *
 * <p>Secrets never live here: {@code apiKeyEnv} is the <em>name</em> of the environment variable
 * that holds the key (such as {@code OPENAI_API_KEY}), read when the model is built.
 *
 * @param provider              one of {@link #PROVIDERS}
 * @param model                 model name, as the provider knows it ({@code oracle-agent} for scripted)
 * @param baseUrl               http(s) endpoint of an OpenAI-compatible or Ollama server; null for the provider's default
 * @param apiKeyEnv             name of the environment variable holding the API key
 * @param temperature           sampling temperature, in [0, 2]
 * @param topP                  nucleus sampling mass, in (0, 1]
 * @param maxTokens             completion token limit per call, > 0
 * @param seed                  sampling seed passed to providers that take one
 * @param timeoutSeconds        per-request timeout, > 0
 * @param extraBody             extra request-body fields passed through verbatim (e.g. {@code chat_template_kwargs})
 * @param returnThinking        keep the model's reasoning ({@code reasoning_content}) in the trajectory
 * @param inputPricePerMillion  USD per million input tokens, for cost accounting, >= 0
 * @param outputPricePerMillion USD per million output tokens, for cost accounting, >= 0
 * @param errors                deliberate-mistake rates; used by the scripted agent only, and dropped
 *                              (null) for any other provider so that switching a config to a real model
 *                              needs no other edit
 * @param requestsPerMinute     requests per minute to this role's endpoint (base URL + model), > 0;
 *                              roles sharing an endpoint share the budget, under the strictest value set
 * @param tokensPerMinute       estimated tokens (prompt + completion) per minute to the endpoint, > 0
 * @param maxConcurrency        requests in flight at once to the endpoint, > 0: the ceiling of its
 *                              adaptive limit, which halves on 429 and grows back
 * @param cachedInputPricePerMillion USD per million input tokens the provider served from its prompt cache, >= 0
 *                              (null: priced as other input tokens)
 * @param promptCaching         mark the stable prefix (system prompt, tools) for the provider's prompt cache where the
 *                              protocol takes markers (Anthropic {@code cache_control}); default true
 */
public record ModelSpec(
        String provider,
        String model,
        String baseUrl,
        String apiKeyEnv,
        Double temperature,
        Double topP,
        Integer maxTokens,
        Long seed,
        Integer timeoutSeconds,
        Map<String, Object> extraBody,
        Boolean returnThinking,
        Double inputPricePerMillion,
        Double outputPricePerMillion,
        AgentErrorRates errors,
        Integer requestsPerMinute,
        Integer tokensPerMinute,
        Integer maxConcurrency,
        Double cachedInputPricePerMillion,
        Boolean promptCaching) {

    public static final String SCRIPTED = "scripted";
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String OLLAMA = "ollama";
    public static final Set<String> PROVIDERS = Set.of(SCRIPTED, OPENAI, ANTHROPIC, OLLAMA);

    /** The scripted agent's model name. */
    public static final String ORACLE_AGENT = "oracle-agent";
    /** The scripted user simulator's model name. */
    public static final String PERSONA_USER = "persona-user";

    /** The agent when a config names none: the scripted oracle with {@link AgentErrorRates#DEFAULT}. */
    public static final ModelSpec DEFAULT_AGENT = scripted(ORACLE_AGENT, AgentErrorRates.DEFAULT);
    /** The user simulator when a config names none: scripted personas. */
    public static final ModelSpec DEFAULT_USER = scripted(PERSONA_USER, null);
    /** The offline tool simulator's model name (the scripted world model of simulated tools). */
    public static final String WORLD_MODEL = "world-model";
    /** The tool simulator when a config names none. */
    public static final ModelSpec DEFAULT_TOOL_SIMULATOR = scripted(WORLD_MODEL, null);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    public ModelSpec {
        if (provider == null) throw new IllegalArgumentException("provider: is required");
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("provider: must be one of scripted, openai, anthropic, ollama, got \""
                    + provider + "\"");
        }
        if (model == null) throw new IllegalArgumentException("model: is required");
        if (model.isBlank()) throw new IllegalArgumentException("model: must not be blank");
        if (baseUrl != null) requireHttpUrl(baseUrl);
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw new IllegalArgumentException("apiKeyEnv: must be the NAME of an environment variable"
                    + " (like OPENAI_API_KEY, matching [A-Z_][A-Z0-9_]*), not the key itself");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature: must be in [0, 2], got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP: must be in (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens: must be > 0, got " + maxTokens);
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds: must be > 0, got " + timeoutSeconds);
        }
        requirePrice("inputPricePerMillion", inputPricePerMillion);
        requirePrice("outputPricePerMillion", outputPricePerMillion);
        requirePrice("cachedInputPricePerMillion", cachedInputPricePerMillion);
        if (extraBody != null) {
            for (String key : extraBody.keySet()) {
                if (key == null || key.isBlank()) throw new IllegalArgumentException("extraBody: has a blank key");
            }
            // a copy that keeps order and allows null values (JSON null is a legitimate request field)
            extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
        }
        requireLimit("requestsPerMinute", requestsPerMinute, provider);
        requireLimit("tokensPerMinute", tokensPerMinute, provider);
        requireLimit("maxConcurrency", maxConcurrency, provider);
        if (!SCRIPTED.equals(provider)) errors = null;
    }

    /** A spec without rate limits (the components before they existed). */
    public ModelSpec(String provider, String model, String baseUrl, String apiKeyEnv, Double temperature, Double topP,
                     Integer maxTokens, Long seed, Integer timeoutSeconds, Map<String, Object> extraBody,
                     Boolean returnThinking, Double inputPricePerMillion, Double outputPricePerMillion,
                     AgentErrorRates errors) {
        this(provider, model, baseUrl, apiKeyEnv, temperature, topP, maxTokens, seed, timeoutSeconds, extraBody,
                returnThinking, inputPricePerMillion, outputPricePerMillion, errors, null, null, null, null, null);
    }

    /** A spec without prompt-cache settings (the components before they existed). */
    public ModelSpec(String provider, String model, String baseUrl, String apiKeyEnv, Double temperature, Double topP,
                     Integer maxTokens, Long seed, Integer timeoutSeconds, Map<String, Object> extraBody,
                     Boolean returnThinking, Double inputPricePerMillion, Double outputPricePerMillion,
                     AgentErrorRates errors, Integer requestsPerMinute, Integer tokensPerMinute, Integer maxConcurrency) {
        this(provider, model, baseUrl, apiKeyEnv, temperature, topP, maxTokens, seed, timeoutSeconds, extraBody,
                returnThinking, inputPricePerMillion, outputPricePerMillion, errors, requestsPerMinute, tokensPerMinute, maxConcurrency,
                null, null);
    }

    /** Whether the stable prefix is marked for the provider's prompt cache (on unless {@code promptCaching: false}). */
    @JsonIgnore
    public boolean cachesPrompts() {
        return promptCaching == null || promptCaching;
    }

    /** A scripted model (offline, no network), such as the oracle agent or the persona user. */
    public static ModelSpec scripted(String model, AgentErrorRates errors) {
        return new ModelSpec(SCRIPTED, model, null, null, null, null, null, null, null, null, null, null, null, errors,
                null, null, null);
    }

    /** {@code provider/model}, such as {@code scripted/oracle-agent}. */
    @JsonIgnore
    public String label() {
        return provider + "/" + model;
    }

    @JsonIgnore
    public boolean isScripted() {
        return SCRIPTED.equals(provider);
    }

    /** The per-request timeout, if one is set. */
    @JsonIgnore
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds);
    }

    /** The scripted agent's mistake rates; {@link AgentErrorRates#NONE} when none are set. */
    @JsonIgnore
    public AgentErrorRates errorRates() {
        return errors == null ? AgentErrorRates.NONE : errors;
    }

    private static void requirePrice(String key, Double price) {
        if (price != null && !(price >= 0 && Double.isFinite(price))) {
            throw new IllegalArgumentException(key + ": must be >= 0, got " + price);
        }
    }

    private static void requireLimit(String key, Integer value, String provider) {
        if (value == null) return;
        if (SCRIPTED.equals(provider)) {
            throw new IllegalArgumentException(key + ": limits the calls to a model endpoint; a scripted role makes none,"
                    + " so remove it or pick a model provider");
        }
        if (value <= 0) throw new IllegalArgumentException(key + ": must be > 0, got " + value);
    }

    private static void requireHttpUrl(String baseUrl) {
        String problem = null;
        try {
            URI uri = new URI(baseUrl);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                problem = "must be an http:// or https:// URL";
            } else if (uri.getHost() == null) {
                problem = "has no host";
            }
        } catch (URISyntaxException e) {
            problem = "is not a valid URL (" + e.getReason() + ")";
        }
        if (problem != null) throw new IllegalArgumentException("baseUrl: " + problem + ", got \"" + baseUrl + "\"");
    }

    /** The same spec with another sampling seed (judge ensembles vote over seeds). */
    public ModelSpec withSeed(long newSeed) {
        return new ModelSpec(provider, model, baseUrl, apiKeyEnv, temperature, topP, maxTokens, newSeed, timeoutSeconds,
                extraBody, returnThinking, inputPricePerMillion, outputPricePerMillion, errors,
                requestsPerMinute, tokensPerMinute, maxConcurrency, cachedInputPricePerMillion, promptCaching);
    }
}
