package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.collector.anonymize.Anonymizer;
import dev.trajforge.collector.anonymize.Detector;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An imported session made into the project's trajectory model: anonymized first (nothing personal
 * goes further), with {@code source = session}, a task that stands for it (no world, no gold plan:
 * judged on termination, tool use and the rubric) and ids derived from its origin, so the same input
 * gives the same rows.
 */
final class SessionTrajectories {
    /** The domain every imported session is filed under. */
    static final String DOMAIN = "session";

    /** A session ready for the judge: its trajectory and task, and how many values each detector replaced. */
    record Imported(Trajectory trajectory, Task task, Map<Detector, Integer> audit) {
        Imported {
            Objects.requireNonNull(trajectory, "trajectory");
            Objects.requireNonNull(task, "task");
            audit = Map.copyOf(audit);
        }
    }

    /** A session imported and judged: what the exporter writes. */
    /** A session imported and judged, or ({@code failure} set, the rest null) one that broke on the way. */
    record Judged(Imported imported, Verdict verdict, double threshold, IngestItem.Rejected failure) {
        ExportRecord record() {
            return SessionRecords.of(imported.trajectory(), verdict, List.of(DOMAIN), threshold);
        }
    }

    private final String runId;
    private final String configSha256;
    private final Anonymizer anonymizer;
    private final SessionJudging judging;

    SessionTrajectories(String runId, String configSha256, Anonymizer anonymizer, SessionJudging judging) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.configSha256 = Objects.requireNonNull(configSha256, "configSha256");
        this.anonymizer = Objects.requireNonNull(anonymizer, "anonymizer");
        this.judging = Objects.requireNonNull(judging, "judging");
    }

    /**
     * Anonymized, then judged; safe to call from many threads at once. A session that breaks either (a value no
     * detector expected, a check that throws) becomes a reject naming only the kind of failure (its message could
     * quote the session); the import goes on.
     */
    Judged judge(IngestItem.Session session) {
        try {
            Imported imported = of(session);
            return new Judged(imported, judging.policy().judge(imported.trajectory(), imported.task()), judging.config().judging().threshold(), null);
        } catch (RuntimeException e) {
            SessionOrigin origin = session.origin();
            return new Judged(null, null, 0, new IngestItem.Rejected(origin.file(), origin.line(), origin.format(),
                    "could not be anonymized or judged (" + e.getClass().getSimpleName() + ")"));
        }
    }

    Imported of(IngestItem.Session session) {
        Anonymizer.Result anonymized = anonymizer.anonymize(session.messages(), session.toolsJson());
        List<Message> messages = anonymized.messages();
        SessionOrigin origin = session.origin();
        String taskId = "session-" + Hashing.sha256Hex(origin.format() + "\u0000" + origin.file() + "\u0000" + origin.line() + "\u0000"
                + (origin.sessionId() == null ? "" : origin.sessionId())).substring(0, 16);
        String ask = messages.stream().filter(m -> m.role() == Role.USER).map(Message::content).findFirst().orElse("(no user message)");
        Task task = task(taskId, ask, judging.rubric());
        Lineage lineage = new Lineage(runId, Lineage.SESSION, "session/" + origin.format(), "session/user", configSha256,
                judging.promptSha256(), origin);
        Trajectory trajectory = new Trajectory(Trajectory.idFor(runId, taskId, 0), DOMAIN, taskId, "session", 0, 0L, messages,
                session.toolsJson(), termination(messages), "", Usage.NONE, lineage, List.of());
        return new Imported(trajectory, task, anonymized.counts());
    }

    /**
     * The task a session stands for: no world, no gold plan; judged on the checks that need no world and on
     * {@code rubric} (the customer's goal is whatever they asked, as the transcript shows).
     */
    static Task task(String taskId, String firstAsk, List<Criterion> rubric) {
        UserScenario scenario = new UserScenario("session user", Style.TERSE, Map.of(), List.of(new UserRequest(DOMAIN, firstAsk, Map.of())),
                List.of(), "This is a real customer, not a simulated one: their goal is whatever they asked for in the conversation, "
                + "starting with their first message.");
        return new Task(taskId, DOMAIN, 0, scenario, List.of(), rubric, EnumSet.of(RewardBasis.RUBRIC));
    }

    /** Who had the last word: the user ends a session by leaving, the agent by its final answer. */
    private static Termination termination(List<Message> messages) {
        return messages.getLast().role() == Role.USER ? Termination.USER_STOP : Termination.AGENT_STOP;
    }
}
