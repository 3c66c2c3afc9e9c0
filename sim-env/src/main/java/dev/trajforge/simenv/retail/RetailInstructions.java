package dev.trajforge.simenv.retail;


import java.util.List;

/** The user's goal in prose, for an LLM user simulator. */
final class RetailInstructions {
    private RetailInstructions() {
    }

    static String render(String name, TaskDraft d) {
        StringBuilder text = new StringBuilder();
        text.append("You are ").append(name).append(", a customer contacting the online store's support chat. ");
        text.append("\n\nYour goals, in this order (bring up the next one only when the previous is handled):\n");
        for (int i = 0; i < d.goals.size(); i++) text.append(i + 1).append(". ").append(d.goals.get(i)).append('\n');
        if (!d.knownInfo.isEmpty()) {
            text.append("\nWhat you know, to give only when the agent asks for it:\n");
            d.knownInfo.values().forEach(fact -> text.append("- ").append(fact).append('\n'));
        }
        List<String> details = d.requests.stream().flatMap(r -> r.details().values().stream()).toList();
        if (!details.isEmpty()) {
            text.append("\nDetails to give when asked:\n");
            details.forEach(fact -> text.append("- ").append(fact).append('\n'));
        }
        if (!d.unknownInfo.isEmpty()) text.append("\nYou do not know ").append(String.join(", nor ", d.unknownInfo)).append(".\n");
        text.append("\nConfirm an action only if it matches your goal exactly.");
        return text.toString();
    }
}
