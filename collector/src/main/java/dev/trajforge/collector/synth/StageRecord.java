package dev.trajforge.collector.synth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One finished stage item as the journal keeps it: its key ({@code domains/retail}, {@code tools/pet_clinic}), whether
 * the model's answer passed ({@code done}) or every attempt failed ({@code failed}, with the reason), the answer, what
 * it cost (calls, tokens, of which re-asks) and which prompt asked (its resource and SHA-256).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StageRecord(String key, Status status, JsonNode answer, String reason, int calls, int reasks, long promptTokens,
                   long completionTokens, String prompt, String promptSha256) {
    enum Status { done, failed }

    StageRecord {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("key: is blank");
        Objects.requireNonNull(status, "status");
        if (status == Status.done && answer == null) throw new IllegalArgumentException(key + ": a done item has an answer");
        if (status == Status.failed && (reason == null || reason.isBlank())) throw new IllegalArgumentException(key + ": a failed item has a reason");
        if (calls < 0 || reasks < 0 || promptTokens < 0 || completionTokens < 0) throw new IllegalArgumentException(key + ": negative counts");
    }

    boolean done() {
        return status == Status.done;
    }

    Spend spend() {
        return new Spend(calls, reasks, promptTokens, completionTokens);
    }
}
