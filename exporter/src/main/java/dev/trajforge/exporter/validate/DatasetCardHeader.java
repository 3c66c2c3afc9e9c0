package dev.trajforge.exporter.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code configs:} block of a dataset card's YAML front matter, the part Hugging Face
 * {@code datasets} uses to find the files of each split:
 * <pre>
 * ---
 * configs:
 * - config_name: default
 *   data_files:
 *   - split: train
 *     path: data/train-*
 * ---
 * </pre>
 * Enough YAML for that block (a {@code path} may be one glob or a list of globs); not a YAML parser.
 */
final class DatasetCardHeader {
    private static final Pattern SPLIT = Pattern.compile("^\\s*(?:-\\s+)?split:\\s*['\"]?([^'\"#]+?)['\"]?\\s*(?:#.*)?$");
    private static final Pattern PATH = Pattern.compile("^\\s*(?:-\\s+)?path:\\s*(.*?)\\s*(?:#.*)?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*-\\s+['\"]?([^'\"#]+?)['\"]?\\s*(?:#.*)?$");
    private static final Pattern FLOW_LIST = Pattern.compile("^\\[(.*)]$");
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_][\\w-]*:.*$");

    private DatasetCardHeader() {
    }

    /**
     * The globs of each split named in {@code configs:}, in order.
     *
     * @throws IllegalArgumentException with a readable reason when there is no front matter or no {@code configs:}
     */
    static Map<String, List<String>> splitPaths(String card) {
        List<String> lines = card.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            throw new IllegalArgumentException("README.md does not start with a YAML front matter (---) holding configs:");
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException("README.md's YAML front matter is not closed with ---");
        }
        int configs = -1;
        for (int i = 1; i < end; i++) {
            if (lines.get(i).startsWith("configs:")) {
                configs = i;
                break;
            }
        }
        if (configs < 0) {
            throw new IllegalArgumentException("README.md's YAML front matter has no configs: (datasets would not find the splits)");
        }
        Map<String, List<String>> splits = new LinkedHashMap<>();
        String current = null;
        boolean inPathList = false;
        for (int i = configs + 1; i < end; i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (TOP_LEVEL_KEY.matcher(line).matches()) {
                break; // the next top-level key: configs: is over
            }
            Matcher split = SPLIT.matcher(line);
            if (split.matches()) {
                current = split.group(1).strip();
                splits.putIfAbsent(current, new ArrayList<>());
                inPathList = false;
                continue;
            }
            Matcher path = PATH.matcher(line);
            if (path.matches() && current != null) {
                String value = path.group(1);
                Matcher flow = FLOW_LIST.matcher(value);
                if (value.isEmpty()) {
                    inPathList = true;
                } else if (flow.matches()) {
                    for (String glob : flow.group(1).split(",")) {
                        splits.get(current).add(unquote(glob));
                    }
                    inPathList = false;
                } else {
                    splits.get(current).add(unquote(value));
                    inPathList = false;
                }
                continue;
            }
            Matcher item = LIST_ITEM.matcher(line);
            if (inPathList && item.matches() && current != null) {
                splits.get(current).add(item.group(1).strip());
                continue;
            }
            inPathList = false;
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("README.md's configs: names no split (- split: ... path: ...)");
        }
        return splits;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** A glob as {@code datasets} resolves it against the dataset root: {@code *} within a path segment, {@code **} across. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String g = glob.startsWith("./") ? glob.substring(2) : glob;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
