package dev.trajforge.collector.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ModelSpec;
import dev.trajforge.collector.limit.EndpointLimiter;
import dev.trajforge.collector.limit.EndpointLimiters;
import dev.trajforge.collector.limit.LimiterClock;
import dev.trajforge.collector.limit.RateLimitedChatModel;
import dev.trajforge.collector.limit.RateLimits;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds LangChain4j {@link ChatModel}s from model specs — the only place that knows provider
 * modules. {@code openai} covers every OpenAI-compatible server through {@code baseUrl} (vLLM, SGLang,
 * llama.cpp, LM Studio, Ollama's /v1, DeepSeek, Moonshot/Kimi, OpenRouter); {@code anthropic} and
 * {@code ollama} (native /api/chat) use their own clients. Every model gets the HTTP/1.1 client,
 * client-side retries off, its endpoint's limits ({@link RateLimitedChatModel}) and the pipeline's
 * {@link ResilientChatModel} around those, so that every attempt, retries included, passes the
 * limits. API keys are read from the environment variable the spec names, and go nowhere but the client.
 *
 * <p>One instance serves one run: it holds the run's limiter registry, one limiter per endpoint
 * (base URL + model) shared by every role that calls it.
 */
public final class Providers {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final Function<String, String> environment;
    private final RetryPolicy retryPolicy;
    private final EndpointLimiters limiters;

    public Providers(Function<String, String> environment, RetryPolicy retryPolicy) {
        this(environment, retryPolicy, LimiterClock.SYSTEM);
    }

    /** With the limiters' clock injected (tests). */
    public Providers(Function<String, String> environment, RetryPolicy retryPolicy, LimiterClock limiterClock) {
        this.environment = environment;
        this.retryPolicy = retryPolicy;
        this.limiters = new EndpointLimiters(limiterClock);
    }

    /** Reads keys from the process environment. */
    public static Providers fromEnvironment() {
        return new Providers(System::getenv, RetryPolicy.DEFAULT);
    }

    public ResilientChatModel build(String role, ModelSpec spec, long seed) {
        ChatModel model = switch (spec.provider()) {
            case ModelSpec.OPENAI -> openAi(role, spec);
            case ModelSpec.ANTHROPIC -> anthropic(role, spec);
            case ModelSpec.OLLAMA -> ollama(spec);
            default -> throw new IllegalArgumentException(role + ": provider '" + spec.provider() + "' is not served by Providers");
        };
        EndpointLimiter limiter = limiters.forEndpoint(baseUrl(spec), spec.model(),
                new RateLimits(spec.requestsPerMinute(), spec.tokensPerMinute(), spec.maxConcurrency()));
        var endpoint = new ResilientChatModel.Endpoint(role, spec.label(), baseUrl(spec), spec.apiKeyEnv());
        Redactor redactor = Redactor.forKey(spec.apiKeyEnv() == null ? null : environment.apply(spec.apiKeyEnv()));
        return new ResilientChatModel(new RateLimitedChatModel(model, limiter), endpoint, retryPolicy,
                duration -> Thread.sleep(duration), seed, redactor);
    }

    /**
     * Read-only statistics of every endpoint's limiter, keyed {@code model@baseUrl}: configured limits,
     * current adaptive concurrency limit, 429s seen, waits (see {@link EndpointLimiter#metrics()}).
     */
    public Map<String, Map<String, Object>> limiterMetrics() {
        return limiters.metrics();
    }

    /** The same as values, per endpoint ({@code model@baseUrl}): see {@link dev.trajforge.collector.limit.LimiterStats}. */
    public Map<String, dev.trajforge.collector.limit.LimiterStats> limiterStats() {
        return limiters.stats();
    }

    private ChatModel openAi(String role, ModelSpec spec) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(httpClient(spec))
                .baseUrl(baseUrl(spec))
                .apiKey(apiKey(role, spec, false))
                .modelName(spec.model())
                .maxRetries(0)
                .timeout(timeout(spec))
                .returnThinking(spec.returnThinking() == null || spec.returnThinking())
                .temperature(spec.temperature())
                .topP(spec.topP())
                .maxTokens(spec.maxTokens());
        if (spec.seed() != null) builder.seed(Math.toIntExact(spec.seed()));
        if (spec.extraBody() != null && !spec.extraBody().isEmpty()) builder.customParameters(Map.copyOf(spec.extraBody()));
        return builder.build();
    }

    private ChatModel anthropic(String role, ModelSpec spec) {
        AnthropicChatModel.AnthropicChatModelBuilder builder = AnthropicChatModel.builder()
                .httpClientBuilder(httpClient(spec))
                .baseUrl(baseUrl(spec))
                .apiKey(apiKey(role, spec, true))
                .modelName(spec.model())
                .maxRetries(0)
                .timeout(timeout(spec))
                .returnThinking(spec.returnThinking() != null && spec.returnThinking())
                .temperature(spec.temperature())
                .topP(spec.topP())
                .maxTokens(spec.maxTokens() == null ? 4096 : spec.maxTokens())
                .cacheSystemMessages(spec.cachesPrompts()) // cache_control on the system prompt and the tools: the stable prefix
                .cacheTools(spec.cachesPrompts());
        if (spec.extraBody() != null && !spec.extraBody().isEmpty()) builder.customParameters(Map.copyOf(spec.extraBody()));
        return builder.build();
    }

    private ChatModel ollama(ModelSpec spec) {
        OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder()
                .httpClientBuilder(httpClient(spec))
                .baseUrl(baseUrl(spec))
                .modelName(spec.model())
                .maxRetries(0)
                .timeout(timeout(spec))
                .temperature(spec.temperature())
                .topP(spec.topP())
                .numPredict(spec.maxTokens());
        if (spec.seed() != null) builder.seed(Math.toIntExact(spec.seed()));
        if (spec.returnThinking() != null) builder.returnThinking(spec.returnThinking());
        return builder.build();
    }

    private static ProviderHttpClient.Builder httpClient(ModelSpec spec) {
        return new ProviderHttpClient.Builder().readTimeout(timeout(spec));
    }

    private static Duration timeout(ModelSpec spec) {
        return spec.timeout().orElse(DEFAULT_TIMEOUT);
    }

    static String baseUrl(ModelSpec spec) {
        if (spec.baseUrl() != null) return spec.baseUrl();
        return switch (spec.provider()) {
            case ModelSpec.OPENAI -> "https://api.openai.com/v1";
            case ModelSpec.ANTHROPIC -> "https://api.anthropic.com/v1";
            case ModelSpec.OLLAMA -> "http://127.0.0.1:11434";
            default -> null;
        };
    }

    /**
     * The key from the environment variable named by {@code apiKeyEnv}. A named but unset variable is
     * a config error (naming the variable, never a value); local OpenAI-compatible servers may need no key.
     */
    private String apiKey(String role, ModelSpec spec, boolean required) {
        if (spec.apiKeyEnv() == null) {
            if (required) throw new ConfigException("key '" + role + ".apiKeyEnv': provider " + spec.provider() + " needs an API key; name the environment variable that holds it");
            return "no-key";
        }
        String key = environment.apply(spec.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new ConfigException("key '" + role + ".apiKeyEnv': environment variable " + spec.apiKeyEnv() + " is not set");
        }
        return key;
    }
}
