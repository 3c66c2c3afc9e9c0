package dev.trajforge.simenv.imports;

/** What a user asks for when they want a tool used: the first sentence of its description, else its name. */
final class Asks {
    private Asks() {
    }

    static String of(DraftTool tool) {
        String description = tool.description().strip();
        int end = description.indexOf(". ");
        String sentence = (end > 0 ? description.substring(0, end) : description).replaceAll("[.\\s]+$", "").replaceAll("\\{\\{|}}", "");
        if (sentence.isEmpty() || sentence.length() > 120) return "use " + tool.name();
        return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
