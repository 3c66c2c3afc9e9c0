package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.ProgressListener;
import dev.trajforge.collector.run.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs real collection runs against loopback model servers, with a fast retry policy and an injected environment. */
final class LoopbackRuns {
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30));
    private static final Pattern CRITERION = Pattern.compile("(?m)^\\d+\\. ([A-Za-z0-9_]+): ");

    private LoopbackRuns() {
    }

    static LoadedConfig config(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, List.of());
    }

    static RunReport run(LoadedConfig config, Map<String, String> env) {
        return new CollectionRun(config, Clock.systemUTC(), ProgressListener.NONE, new Providers(env::get, FAST)).execute();
    }

    /** Messages of an OpenAI-protocol request. */
    static JsonNode messages(RecordedRequest request) {
        return request.json().get("messages");
    }

    static long count(JsonNode messages, String role) {
        long n = 0;
        for (JsonNode message : messages) if (role.equals(message.path("role").asText())) n++;
        return n;
    }

    /** The rubric criterion names listed in a judge prompt ("1. name: text"). */
    static List<String> criteria(String prompt) {
        Matcher matcher = CRITERION.matcher(prompt);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) names.add(matcher.group(1));
        return names;
    }

    /**
     * A scripted agent behind the OpenAI protocol: asks for identity, then makes two parallel calls
     * with reasoning, then a call with malformed arguments, then asks whether there is anything else.
     */
    static Reply openAiAgent(RecordedRequest request) {
        long assistantTurns = count(messages(request), "assistant");
        if (assistantTurns == 0) return OpenAiReply.text("I can help. Could you tell me your email, or your first name, last name and zip code?").usage(100, 20);
        if (assistantTurns == 1) {
            return OpenAiReply.toolCalls(ToolCallSpec.call("call_a", "get_order_details", "{\"order_id\":\"#W0000000\"}"),
                            ToolCallSpec.call("call_b", "calculate", "{\"expression\":\"2*(3+4)\"}"))
                    .reasoning("The user identified; let me look up the order and compute.").usage(200, 30);
        }
        if (assistantTurns == 2) return OpenAiReply.toolCalls(ToolCallSpec.call("call_c", "list_all_product_types", "{not json")).usage(300, 10);
        return OpenAiReply.text("Is there anything else I can help you with?").usage(400, 10);
    }
}
