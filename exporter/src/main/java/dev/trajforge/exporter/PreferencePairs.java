package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs the accepted and rejected samples of one task for DPO, deterministically.
 *
 * <p>For every rejected sample, in order, the chosen side is the accepted sample that shares the
 * longest prefix of messages with it (the earliest one on a tie). Messages are compared canonically
 * ({@link Conversations#messageDigests}: tool-call ids do not matter, everything else does). The prompt
 * is that longest common prefix, shortened if needed to end right before an assistant message on both
 * sides, so that both continuations are what the agent said from there (a prefix that ends before a
 * user or tool message would ask the model to prefer one user reply or tool result over another).
 *
 * <p>A pair is made only if the prompt holds at least the first user message (and so the system prompt
 * before it) and the two continuations differ. The prompt's messages are the chosen sample's; tool
 * messages of the rejected continuation that answer a call inside the prompt are re-pointed at the
 * chosen sample's id of that call. An accepted sample can be the chosen side of several pairs.
 */
final class PreferencePairs {
    private PreferencePairs() {
    }

    static List<PreferencePair> pair(List<ExportRecord> accepted, List<ExportRecord> rejected) {
        if (accepted.isEmpty() || rejected.isEmpty()) {
            return List.of();
        }
        List<List<ByteBuffer>> acceptedDigests = accepted.stream()
                .map(r -> Conversations.messageDigests(r.trajectory().messages())).toList();
        List<PreferencePair> pairs = new ArrayList<>();
        for (ExportRecord loser : rejected) {
            List<ByteBuffer> loserDigests = Conversations.messageDigests(loser.trajectory().messages());
            int best = -1;
            int bestPrompt = -1;
            for (int i = 0; i < accepted.size(); i++) {
                int prompt = promptLength(accepted.get(i).trajectory().messages(), acceptedDigests.get(i),
                        loser.trajectory().messages(), loserDigests);
                if (prompt > bestPrompt) {
                    best = i;
                    bestPrompt = prompt;
                }
            }
            if (best >= 0) {
                PreferencePair pair = build(accepted.get(best), loser, bestPrompt);
                if (pair != null) {
                    pairs.add(pair);
                }
            }
        }
        return pairs;
    }

    /** Length of the usable shared prompt of two conversations, or -1 if they make no pair. */
    static int promptLength(List<Message> a, List<ByteBuffer> aDigests, List<Message> b, List<ByteBuffer> bDigests) {
        int common = 0;
        int shorter = Math.min(a.size(), b.size());
        while (common < shorter && aDigests.get(common).equals(bDigests.get(common))) {
            common++;
        }
        int firstUser = firstUser(a);
        if (firstUser < 0) {
            return -1;
        }
        int prompt = common;
        while (prompt > firstUser && !(prompt < shorter && a.get(prompt).role() == Role.ASSISTANT && b.get(prompt).role() == Role.ASSISTANT)) {
            prompt--;
        }
        if (prompt <= firstUser) {
            return -1;
        }
        if (common == a.size() && common == b.size()) {
            return -1; // the same conversation: nothing to prefer
        }
        return prompt;
    }

    private static PreferencePair build(ExportRecord winner, ExportRecord loser, int prompt) {
        Trajectory chosen = winner.trajectory();
        Trajectory rejected = loser.trajectory();
        Map<String, String> ids = new HashMap<>();
        Set<String> promptIds = new HashSet<>();
        for (int i = 0; i < prompt; i++) {
            List<ToolCall> mine = chosen.messages().get(i).toolCalls();
            List<ToolCall> theirs = rejected.messages().get(i).toolCalls();
            for (int c = 0; c < mine.size(); c++) {
                ids.put(theirs.get(c).id(), mine.get(c).id());
                promptIds.add(mine.get(c).id());
            }
        }
        List<Message> continuation = new ArrayList<>();
        for (Message m : rejected.messages().subList(prompt, rejected.messages().size())) {
            for (ToolCall call : m.toolCalls()) {
                if (promptIds.contains(call.id())) {
                    return null; // a new call reusing an id of the prompt: the pair could not be told apart
                }
            }
            String answers = m.toolCallId();
            if (answers != null && ids.containsKey(answers)) {
                m = new Message(m.role(), m.content(), m.reasoning(), m.toolCalls(), ids.get(answers), m.name(), m.error());
            }
            continuation.add(m);
        }
        return new PreferencePair(chosen.messages().subList(0, prompt), chosen.messages().subList(prompt, chosen.messages().size()),
                continuation, chosen.toolsJson(), chosen.domain(), chosen.taskId(), chosen.id(), rejected.id(), loser.rejectReasons());
    }

    private static int firstUser(List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == Role.USER) {
                return i;
            }
        }
        return -1;
    }
}
