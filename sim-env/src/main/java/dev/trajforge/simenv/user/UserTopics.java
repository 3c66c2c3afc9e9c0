package dev.trajforge.simenv.user;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trajforge.simenv.PromptResource;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which words in an agent's message ask the scripted user for which of its facts, in one domain,
 * from the domain's {@code user-topics.json}: {@code {"topics": {"email": ["email", "e-mail"], ...}}}.
 * A fact whose topic is not listed is asked for by its own name. The user's phrasing itself
 * ({@code personas.json}) is the same in every domain.
 */
public final class UserTopics {
    private record File(Map<String, List<String>> topics) {
        File {
            if (topics == null) throw new IllegalArgumentException("no 'topics'");
        }
    }

    private final PromptResource resource;
    private final Map<String, List<String>> topics;

    private UserTopics(PromptResource resource, Map<String, List<String>> topics) {
        this.resource = resource;
        this.topics = topics;
    }

    /** Parses a domain's topics file; a malformed one is an error naming it. */
    public static UserTopics parse(PromptResource resource) {
        try {
            File file = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readValue(resource.text(), File.class);
            return new UserTopics(resource, Map.copyOf(file.topics()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("user topics file " + resource.path() + " is malformed: " + e.getMessage(), e);
        }
    }

    public String sha256() {
        return resource.sha256();
    }

    /** Whether the agent's message asks about {@code topic} (a key of the user's known facts). */
    boolean asksAbout(String agentText, String topic) {
        String lower = agentText.toLowerCase(Locale.ROOT);
        for (String word : topics.getOrDefault(topic, List.of(topic))) {
            if (lower.contains(word.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }
}
