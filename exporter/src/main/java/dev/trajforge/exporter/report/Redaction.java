package dev.trajforge.exporter.report;

import java.util.regex.Pattern;

/** What the report never shows even where the manifest might hold it: credentials written into an endpoint URL. */
final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&](?:api[-_]?key|key|token|access_token|sig|signature)=)[^&\\s]*");

    private Redaction() {
    }

    /** An endpoint label without user info ({@code https://user:pass@host}) or key-like query parameters. */
    static String endpoint(String label) {
        String out = USER_INFO.matcher(label).replaceAll("***@");
        return SECRET_PARAMETER.matcher(out).replaceAll("$1***");
    }
}
