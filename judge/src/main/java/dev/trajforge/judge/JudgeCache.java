package dev.trajforge.judge;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Trajectory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judgements already made, so re-judging a trajectory (resume, a re-run of the judge stage) spends no
 * tokens. Keyed by what the judgement depends on: the trajectory's content, the prompt template, the
 * judge (its label) and the rest of what the judge was shown (policy, goal, rubric). Only
 * {@link JudgeOutcome.Judged} is kept: a failure is retried next time. Thread-safe.
 */
final class JudgeCache {
    record Key(String trajectorySha256, String promptSha256, String judgeModel, String inputsSha256) {
    }

    private final Map<Key, JudgeOutcome.Judged> judged = new ConcurrentHashMap<>();

    Optional<JudgeOutcome.Judged> get(Key key) {
        return Optional.ofNullable(judged.get(key));
    }

    void put(Key key, JudgeOutcome.Judged outcome) {
        judged.putIfAbsent(key, outcome);
    }

    int size() {
        return judged.size();
    }

    /** SHA-256 of the canonical JSON of the trajectory's messages and tools: what the agent saw and did. */
    static String contentHash(Trajectory trajectory) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("messages", trajectory.messages());
        content.put("tools", trajectory.toolsJson()); // verbatim: the tool list as the agent was given it
        return Hashing.sha256Hex(CanonicalJson.bytes(content));
    }
}
