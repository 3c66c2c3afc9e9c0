package dev.trajforge.judge;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;

import java.util.List;
import java.util.Locale;

/**
 * Every fact the task requires (a refund amount, a tracking number) must appear in an assistant
 * message. Amounts match regardless of "$" and thousands separators.
 */
final class InfoCheck implements Check {
    static final String REASON = "info_not_communicated";

    @Override
    public String name() {
        return "info";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        StringBuilder said = new StringBuilder();
        for (Message message : trajectory.messages()) {
            if (message.role() == Role.ASSISTANT && message.content() != null) said.append(normalize(message.content())).append('\n');
        }
        List<String> missing = task.requiredFacts().stream().filter(fact -> said.indexOf(normalize(fact)) < 0).toList();
        return missing.isEmpty() ? CheckResult.pass(name())
                : CheckResult.fail(name(), REASON, "never told the user: " + String.join(", ", missing));
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replace("$", "").replaceAll("(?<=\\d),(?=\\d{3})", "");
    }
}
