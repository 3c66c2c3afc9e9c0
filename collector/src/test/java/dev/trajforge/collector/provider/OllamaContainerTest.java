package dev.trajforge.collector.provider;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.trajforge.collector.config.ModelSpec;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Against a real Ollama in a container. Disabled where no Docker engine runs (as on the CI machines,
 * where {@link OllamaRunTest} covers the same client over loopback). With Docker:
 * {@code mvn -B -pl collector test -Dtest=OllamaContainerTest} pulls {@code ollama/ollama} and a
 * small model ({@value #MODEL}, ~400 MB) on first use.
 */
@Testcontainers(disabledWithoutDocker = true)
class OllamaContainerTest {
    static final String MODEL = "qwen2.5:0.5b";

    @Container
    static final OllamaContainer OLLAMA = new OllamaContainer("ollama/ollama:0.6.5");

    @Test
    void should_answer_through_the_ollama_provider() throws Exception {
        OLLAMA.execInContainer("ollama", "pull", MODEL);
        ModelSpec spec = new ModelSpec("ollama", MODEL, OLLAMA.getEndpoint(), null, 0.0, null, 64, 1L, 120, null, null, null, null, null);
        var model = new Providers(Map.<String, String>of()::get, RetryPolicy.DEFAULT).build("agent", spec, 1);
        String answer = model.chat(ChatRequest.builder().messages(UserMessage.from("Say hello in one word.")).build()).aiMessage().text();
        assertFalse(answer.isBlank());
    }
}
