package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.UserRequest;

import java.util.List;
import java.util.Map;

/** The user's goal in prose, for an LLM user simulator, from a pack task's parts. */
final class ScenarioInstructions {
    private ScenarioInstructions() {
    }

    static String render(String name, String domainDescription, Map<String, String> known, List<UserRequest> requests,
                         List<String> unknown) {
        StringBuilder text = new StringBuilder();
        text.append("You are ").append(name).append(", a customer contacting customer support (").append(domainDescription.strip()).append("). ");
        text.append("\n\nYour goals, in this order (bring up the next one only when the previous is handled):\n");
        for (int i = 0; i < requests.size(); i++) text.append(i + 1).append(". ").append(capitalized(requests.get(i).ask())).append('\n');
        if (!known.isEmpty()) {
            text.append("\nWhat you know, to give only when the agent asks for it:\n");
            known.values().forEach(fact -> text.append("- ").append(fact).append('\n'));
        }
        List<String> details = requests.stream().flatMap(r -> r.details().values().stream()).toList();
        if (!details.isEmpty()) {
            text.append("\nDetails to give when asked:\n");
            details.forEach(fact -> text.append("- ").append(fact).append('\n'));
        }
        if (!unknown.isEmpty()) text.append("\nYou do not know ").append(String.join(", nor ", unknown)).append(".\n");
        text.append("\nConfirm an action only if it matches your goal exactly.");
        return text.toString();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }
}
