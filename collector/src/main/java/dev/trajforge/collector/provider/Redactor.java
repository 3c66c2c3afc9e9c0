package dev.trajforge.collector.provider;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes failure text fit to keep in a journal or a log: one line, at most {@value #MAX_CHARS}
 * characters, with the role's API key and anything shaped like a credential (an {@code sk-...} key,
 * a bearer token, an {@code api_key=} value, a password in a URL) replaced by {@value #REDACTED}.
 * Servers echo what they were sent, so a response body is never trusted to be free of the key.
 */
record Redactor(List<String> secrets) {
    static final Redactor PATTERNS_ONLY = new Redactor(List.of());
    static final String REDACTED = "[redacted]";
    static final int MAX_CHARS = 300;
    /** Shorter values are not searched for: they would match ordinary text. */
    private static final int MIN_SECRET = 6;

    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(?:sk|pk|rk|ak)-[A-Za-z0-9_\\-]{8,}");
    private static final Pattern LABELLED = Pattern.compile(
            "(?i)(\\bbearer\\s+|\\b(?:x-)?api[_-]?key[\"']?\\s*[:=]\\s*[\"']?|\\b(?:access_)?token[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}&]+");
    private static final Pattern URL_USER_INFO = Pattern.compile("(://)[^/@\\s]+@");

    Redactor {
        secrets = secrets.stream().filter(secret -> secret != null && secret.length() >= MIN_SECRET).toList();
    }

    /** Redacts the key held in this environment variable value (null or blank: patterns only). */
    static Redactor forKey(String apiKey) {
        return apiKey == null || apiKey.isBlank() ? PATTERNS_ONLY : new Redactor(List.of(apiKey.strip()));
    }

    /** {@code text} on one line, secrets out, cut to {@value #MAX_CHARS} characters; "" for null. */
    String excerpt(String text) {
        if (text == null) return "";
        String line = redact(text.replaceAll("\\s+", " ").strip());
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 3) + "...";
    }

    String redact(String text) {
        String clean = text;
        for (String secret : secrets) clean = clean.replace(secret, REDACTED);
        clean = KEY_SHAPED.matcher(clean).replaceAll(REDACTED);
        clean = LABELLED.matcher(clean).replaceAll("$1" + REDACTED);
        return URL_USER_INFO.matcher(clean).replaceAll("$1" + REDACTED + "@");
    }
}
