package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code manifest.json} says, read leniently: each contract key that is missing or of the wrong
 * type is reported under {@code manifest_keys} and left null here, so the other rules check what they can.
 */
record ManifestView(Integer schemaVersion, String runId, String configSha256, Long episodes, Long accepted,
                    Map<String, Long> rejected, Long infraFailed, Map<String, Long> splits, List<FileEntry> files,
                    DataFormat format, java.util.Set<String> sourceRuns) {
    static final String NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One entry of {@code files}; a field that is missing or of the wrong type is null. */
    record FileEntry(String path, Long rows, Long bytes, String sha256) {
        String split() {
            String name = path.substring(path.lastIndexOf('/') + 1);
            int dash = name.indexOf('-');
            return dash < 0 ? "" : name.substring(0, dash);
        }
    }

    static final ManifestView NONE = new ManifestView(null, null, null, null, null, null, null, null, null, DataFormat.HF_PARQUET, java.util.Set.of());

    /** Parses and checks the manifest's text; never throws. */
    static ManifestView read(String text, Violations out) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            out.add(Rule.MANIFEST_KEYS, NAME, "not valid JSON: " + firstLine(e.getMessage()));
            return NONE;
        }
        if (root == null || !root.isObject()) {
            out.add(Rule.MANIFEST_KEYS, NAME, "not a JSON object");
            return NONE;
        }
        Keys keys = new Keys(root, out);
        JsonNode version = keys.integer("schema_version");
        Integer schemaVersion = version == null ? null : version.intValue();
        String runId = keys.text("run_id");
        String configSha256 = keys.text("config_sha256");
        String createdAt = keys.text("created_at");
        if (createdAt != null) {
            try {
                Instant.parse(createdAt);
            } catch (DateTimeParseException e) {
                out.add(Rule.MANIFEST_KEYS, NAME, "created_at is not an ISO-8601 instant: '" + createdAt + "'");
            }
        }
        Long episodes = keys.count("episodes");
        Long accepted = keys.count("accepted");
        Map<String, Long> rejected = keys.counts("rejected");
        Long infraFailed = keys.count("infra_failed");
        Map<String, Long> splits = keys.counts("splits");
        List<FileEntry> files = keys.files();
        keys.usage();
        DataFormat format = DataFormat.HF_PARQUET;
        JsonNode formatNode = root.get("format"); // beyond the contract's keys: absent means hf-parquet
        if (formatNode != null) {
            format = DataFormat.fromWire(formatNode.asText(null));
            if (format == null) {
                out.add(Rule.MANIFEST_KEYS, NAME, "format " + formatNode + " is not one this validator knows ("
                        + DataFormat.names() + "); data files are checked as hf-parquet");
                format = DataFormat.HF_PARQUET;
            }
        }
        java.util.Set<String> sourceRuns = new java.util.TreeSet<>(); // beyond the contract's keys: the runs a re-judged or merged dataset's rows came from
        JsonNode sources = root.get("source_runs");
        if (sources != null && !sources.isArray()) out.add(Rule.MANIFEST_KEYS, NAME, "source_runs is not a list of run ids");
        if (sources != null && sources.isArray()) sources.forEach(run -> sourceRuns.add(run.asText()));
        return new ManifestView(schemaVersion, runId, configSha256, episodes, accepted, rejected, infraFailed, splits, files, format,
                java.util.Set.copyOf(sourceRuns));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Reads keys of the manifest, reporting each problem once. */
    private static final class Keys {
        private final JsonNode root;
        private final Violations out;

        Keys(JsonNode root, Violations out) {
            this.root = root;
            this.out = out;
        }

        private JsonNode get(String key) {
            JsonNode value = root.get(key);
            if (value == null) {
                out.add(Rule.MANIFEST_KEYS, NAME, "missing key " + key);
            }
            return value;
        }

        JsonNode integer(String key) {
            JsonNode value = get(key);
            if (value != null && !value.isIntegralNumber()) {
                out.add(Rule.MANIFEST_KEYS, NAME, key + " must be an integer, got " + value);
                return null;
            }
            return value;
        }

        String text(String key) {
            JsonNode value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                out.add(Rule.MANIFEST_KEYS, NAME, key + " must be a non-empty string, got " + value);
                return null;
            }
            return value.asText();
        }

        Long count(String key) {
            JsonNode value = integer(key);
            if (value == null) {
                return null;
            }
            if (value.asLong() < 0) {
                out.add(Rule.MANIFEST_KEYS, NAME, key + " must be >= 0, got " + value);
                return null;
            }
            return value.asLong();
        }

        Map<String, Long> counts(String key) {
            JsonNode value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                out.add(Rule.MANIFEST_KEYS, NAME, key + " must be an object of counts, got " + value);
                return null;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                    out.add(Rule.MANIFEST_KEYS, NAME, key + "." + e.getKey() + " must be an integer >= 0, got " + e.getValue());
                    return null;
                }
                counts.put(e.getKey(), e.getValue().asLong());
            }
            return counts;
        }

        List<FileEntry> files() {
            JsonNode value = get("files");
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                out.add(Rule.MANIFEST_KEYS, NAME, "files must be an array, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                return null;
            }
            List<FileEntry> entries = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode file = value.get(i);
                String where = "files[" + i + "]";
                if (!file.isObject() || !file.path("path").isTextual() || file.path("path").asText().isBlank()) {
                    out.add(Rule.MANIFEST_KEYS, NAME, where + " needs a string path, got " + file);
                    continue;
                }
                where = where + " (" + file.get("path").asText() + ")";
                Long rows = nonNegative(file, "rows", where);
                Long bytes = nonNegative(file, "bytes", where);
                String sha = null;
                JsonNode shaNode = file.get("sha256");
                if (shaNode == null || !shaNode.isTextual() || !SHA256.matcher(shaNode.asText()).matches()) {
                    out.add(Rule.MANIFEST_KEYS, NAME, where + ".sha256 must be 64 lowercase hex digits, got " + shaNode);
                } else {
                    sha = shaNode.asText();
                }
                entries.add(new FileEntry(file.get("path").asText(), rows, bytes, sha));
            }
            return entries;
        }

        private Long nonNegative(JsonNode file, String key, String where) {
            JsonNode v = file.get(key);
            if (v == null || !v.isIntegralNumber() || v.asLong() < 0) {
                out.add(Rule.MANIFEST_KEYS, NAME, where + "." + key + " must be an integer >= 0, got " + v);
                return null;
            }
            return v.asLong();
        }

        void usage() {
            JsonNode value = get("usage");
            if (value == null) {
                return;
            }
            if (!value.isObject()) {
                out.add(Rule.MANIFEST_KEYS, NAME, "usage must be an object of roles, got " + value);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> role = it.next();
                for (String key : List.of("calls", "prompt_tokens", "completion_tokens", "cost_usd")) {
                    JsonNode v = role.getValue().get(key);
                    boolean ok = v != null && (key.equals("cost_usd") ? v.isNumber() : v.isIntegralNumber()) && v.asDouble() >= 0;
                    if (!ok) {
                        out.add(Rule.MANIFEST_KEYS, NAME, "usage." + role.getKey() + "." + key + " must be a number >= 0, got " + v);
                    }
                }
            }
        }
    }
}
