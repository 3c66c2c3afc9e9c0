package dev.trajforge.exporter.validate;

/** Short, one-line renderings of values for messages and the inspector. */
final class Text {
    private Text() {
    }

    /** {@code s} on one line, cut to {@code max} characters with an ellipsis and the full length. */
    static String abbreviate(String s, int max) {
        if (s == null) {
            return "null";
        }
        String line = s.replace("\r", "").replace("\n", " ⏎ ");
        if (line.length() <= max) {
            return line;
        }
        return line.substring(0, max) + "… (" + s.length() + " chars)";
    }

    static String quote(String s, int max) {
        return s == null ? "null" : "'" + abbreviate(s, max) + "'";
    }
}
