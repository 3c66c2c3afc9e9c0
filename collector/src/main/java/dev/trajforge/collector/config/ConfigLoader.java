package dev.trajforge.collector.config;

import dev.trajforge.simenv.agent.AgentErrorRates;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.pack.PackException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import java.util.regex.Pattern;

/**
 * Reads a YAML run configuration: parse into a tree, apply {@code --set key=value} overrides, fill in
 * defaults for absent keys, then bind strictly to {@link RunConfig} (unknown keys, wrong types,
 * nulls for numbers and trailing documents are errors). Every problem is a {@link ConfigException}
 * with a one-line message naming the file (or the override) and the key.
 */
public final class ConfigLoader {

    /** Keys left out of the fingerprint because they do not change the data a run produces. */
    public static final Set<String> NOT_FINGERPRINTED = Set.of("output", "concurrency", "keepRejected", "budget", "report");
    /** Pacing keys of a model spec: they change how fast, not what, a run produces. */
    public static final Set<String> NOT_FINGERPRINTED_MODEL_KEYS = Set.of("requestsPerMinute", "tokensPerMinute", "maxConcurrency");
    private static final Set<String> MODEL_ROLES = Set.of("agent", "user", "judge", "toolSimulator");

    private static final Set<String> REQUIRED = Set.of("runId", "tasks", "output");

    private static final Pattern OVERRIDE_KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private static final YAMLMapper YAML = strictYaml();

    private static final ObjectMapper JSON = JsonMapper.builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .build();

    private ConfigLoader() {
    }

    private static YAMLMapper strictYaml() {
        YAMLMapper.Builder builder = YAMLMapper.builder();
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        builder.withCoercionConfigDefaults(c -> c
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false));
        // a whole number where a string is expected (runId: 2024, model: 7) is read as its digits
        builder.withCoercionConfig(LogicalType.Textual, c -> c
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert));
        // 1 where a double is expected is fine (validationFraction: 0, temperature: 1)
        builder.withCoercionConfig(LogicalType.Float, c -> c
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert));
        return builder.build();
    }

    /**
     * Loads {@code file}, applying {@code overrides} ({@code key=value} with a dot path key, the value
     * read as a YAML scalar) in order.
     *
     * @throws ConfigException if the file cannot be read or the configuration is not valid
     */
    public static LoadedConfig load(Path file, List<String> overrides) {
        String source = "config " + file;
        ObjectNode tree = readTree(file, source);
        List<Override> applied = new ArrayList<>();
        for (String raw : overrides) {
            Override override = Override.parse(raw);
            override.applyTo(tree);
            applied.add(override);
        }
        Problems problems = new Problems(source, applied, tree);
        rejectSecrets(tree, "", problems);
        for (String key : REQUIRED) {
            if (!tree.has(key)) throw problems.at(key, "is required");
        }
        if (!tree.has("domain") && !tree.has("domains")) throw problems.at("domain", "is required"); // or 'domains', to mix several
        applyDefaults(tree);
        RunConfig config = bind(tree, problems);
        // a path given with --set is the caller's, relative to where the command runs; one in the file is relative to the file
        Path base = problems.overrideFor("domainPaths") != null ? Path.of("") : file.toAbsolutePath().getParent();
        config = config.withDomainPaths(absoluteDomainPaths(config.domainPaths(), base, problems));
        Set<String> visible = visibleDomains(config.domainFolders(), problems);
        if (!config.personas().isEmpty()) {
            try {
                dev.trajforge.simenv.user.PersonaCatalog.get().sampler(config.personas());
            } catch (IllegalArgumentException e) {
                throw problems.at("personas", e.getMessage().replaceFirst("^personas: ", ""));
            }
        }
        List<DomainShare> shares = config.shares();
        for (int i = 0; i < shares.size(); i++) {
            if (!visible.contains(shares.get(i).name())) {
                throw problems.at(config.domains().isEmpty() ? "domain" : "domains[" + i + "].name",
                        "unknown domain '" + shares.get(i).name() + "' (known: " + String.join(", ", visible) + ")");
            }
        }
        return new LoadedConfig(config, file, fingerprint(config));
    }

    /** Each folder made absolute against {@code base}; one that is not there, or not a folder, names its key. */
    private static List<String> absoluteDomainPaths(List<String> paths, Path base, Problems problems) {
        List<String> absolute = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path folder;
            try {
                folder = base.resolve(paths.get(i)).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw problems.at("domainPaths[" + i + "]", "not a path: " + e.getMessage());
            }
            if (!Files.exists(folder)) throw problems.at("domainPaths[" + i + "]", "no such folder: " + folder);
            if (!Files.isDirectory(folder)) throw problems.at("domainPaths[" + i + "]", "not a folder: " + folder + " (a domain path is a pack folder or a folder of packs)");
            absolute.add(folder.toString());
        }
        return absolute;
    }

    /** The names of the domains the run can see: the class path's, and the packs under {@code folders}, which must load. */
    private static Set<String> visibleDomains(List<Path> folders, Problems problems) {
        try {
            return Domains.discover(folders).keySet();
        } catch (PackException e) {
            String key = domainPathKey(folders, e.pack());
            if (key == null) throw e; // a pack on the class path: the build is broken, not the config
            throw problems.at(key, e.getMessage());
        } catch (IllegalStateException e) { // two domains of one name
            throw problems.at("domainPaths", e.getMessage());
        }
    }

    /** The {@code domainPaths[i]} a broken pack was found under, or null when it is none of them. */
    private static String domainPathKey(List<Path> folders, Path pack) {
        for (int i = 0; i < folders.size(); i++) {
            if (pack != null && pack.toAbsolutePath().normalize().startsWith(folders.get(i))) return "domainPaths[" + i + "]";
        }
        return null;
    }

    /**
     * The fingerprint of a configuration: SHA-256 (lowercase hex) of its canonical JSON without the
     * keys in {@link #NOT_FINGERPRINTED}. Two configs that produce the same data have the same
     * fingerprint, however their files are laid out.
     */
    public static String fingerprint(RunConfig config) {
        ObjectNode tree = JSON.valueToTree(config);
        NOT_FINGERPRINTED.forEach(tree::remove);
        for (String role : MODEL_ROLES) {
            if (tree.get(role) instanceof ObjectNode spec) NOT_FINGERPRINTED_MODEL_KEYS.forEach(spec::remove);
        }
        return sha256(canonical(tree));
    }

    /** Whether a key (dot path, e.g. {@code agent.requestsPerMinute}) changes the data a run produces. */
    public static boolean fingerprinted(String dotPath) {
        String[] parts = dotPath.split("\\.");
        if (NOT_FINGERPRINTED.contains(parts[0])) return false;
        return !(parts.length == 2 && MODEL_ROLES.contains(parts[0]) && NOT_FINGERPRINTED_MODEL_KEYS.contains(parts[1]));
    }

    /**
     * The whole effective configuration as canonical JSON: keys sorted at every level, absent
     * (null) optional values left out. Suitable for recording next to a run's output.
     */
    public static String canonicalJson(RunConfig config) {
        return canonical(JSON.valueToTree(config));
    }

    // ---------------------------------------------------------------- reading

    private static ObjectNode readTree(Path file, String source) {
        String text = YamlFile.text(file, source);
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + syntaxError(e), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ConfigException(source + ": file is empty (expected at least runId, domain, tasks and output)");
        }
        if (!node.isObject()) {
            throw new ConfigException(source + ": expected a mapping of keys at the top level, got " + describe(node));
        }
        return (ObjectNode) node;
    }

    private static String syntaxError(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            message = "YAML syntax error: " + firstLine(yaml.getProblem())
                    + (yaml.getContext() == null ? "" : " (" + firstLine(yaml.getContext()) + ")");
            line = yaml.getProblemMark().getLine() + 1;
            column = yaml.getProblemMark().getColumn() + 1;
        } else if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length()).replace('"', '\'');
        } else if (message.startsWith("Trailing token")) {
            message = "a second YAML document starts here; a run config is one document";
        } else {
            message = "YAML syntax error: " + message;
        }
        return line > 0 ? "line " + line + ", column " + column + ": " + message : message;
    }

    // ---------------------------------------------------------------- overrides

    /** One {@code --set key=value}, as typed ({@code raw}). */
    private record Override(String key, JsonNode value, String raw) {
        /** Words in a key or value whose value is never repeated in a message: it may be a secret. */
        private static final Pattern SENSITIVE = Pattern.compile("key|secret|token|passw|bearer|sk-", Pattern.CASE_INSENSITIVE);

        static Override parse(String raw) {
            int eq = raw.indexOf('=');
            if (eq < 0) throw new ConfigException("--set " + raw + ": expected key=value, such as tasks=20");
            String key = raw.substring(0, eq).strip();
            if (!OVERRIDE_KEY.matcher(key).matches()) {
                throw new ConfigException("--set " + shown(key, raw.substring(eq + 1)) + ": key '" + key
                        + "' is not a dot path of names, such as agent.errors.endEarly");
            }
            return new Override(key, scalar(raw.substring(eq + 1)), raw);
        }

        /** How the override is named in a message: {@code key=value} as typed, or the key alone when the value may be a secret. */
        String shown() {
            return shown(key, raw.substring(raw.indexOf('=') + 1));
        }

        private static String shown(String key, String value) {
            if (SENSITIVE.matcher(key).find() || SENSITIVE.matcher(value).find()) return key;
            String text = value.strip().replace("\n", "\\n");
            return key + "=" + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
        }

        /** The value as YAML reads it: 20 a number, true a boolean, null (or nothing) null, else a string. */
        private static JsonNode scalar(String text) {
            String stripped = text.strip();
            if (stripped.isEmpty()) return NullNode.getInstance();
            try {
                JsonNode node = YAML.readTree(stripped);
                if (node == null || node.isMissingNode()) return NullNode.getInstance();
                // a flow collection was meant as one ({a: 1}, [1, 2]); "a: b" or "- x" was meant as text
                if (node.isValueNode() || stripped.startsWith("{") || stripped.startsWith("[")) return node;
            } catch (JsonProcessingException e) {
                // not YAML on its own: take the text as it is
            }
            return JsonNodeFactory.instance.textNode(text);
        }

        void applyTo(ObjectNode root) {
            String[] names = key.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < names.length - 1; i++) {
                JsonNode child = parent.get(names[i]);
                if (child == null || child.isNull()) {
                    parent = parent.putObject(names[i]);
                } else if (child.isObject()) {
                    parent = (ObjectNode) child;
                } else {
                    String at = String.join(".", List.of(names).subList(0, i + 1));
                    throw new ConfigException("--set " + shown() + ": '" + at + "' is " + describe(child)
                            + ", not a mapping of keys");
                }
            }
            parent.set(names[names.length - 1], value);
        }

        /** Whether a problem at {@code path} comes from this override. */
        boolean covers(String path) {
            return path.equals(key) || path.startsWith(key + ".") || path.startsWith(key + "[") || key.startsWith(path + ".");
        }
    }

    // ---------------------------------------------------------------- checks and defaults

    private static void rejectSecrets(JsonNode node, String path, Problems problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String normalized = field.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
                if (normalized.equals("apikey") || normalized.equals("apisecret") || normalized.equals("secretkey")) {
                    throw problems.at(key, "secrets do not belong in a config; put the key in an environment"
                            + " variable and name that variable with apiKeyEnv (such as apiKeyEnv: OPENAI_API_KEY)");
                }
                rejectSecrets(field.getValue(), key, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) rejectSecrets(node.get(i), path + "[" + i + "]", problems);
        }
    }

    /** Absent keys take their defaults; present ones (null included) are left for binding to judge. */
    private static void applyDefaults(ObjectNode root) {
        putIfAbsent(root, "seed", RunConfig.DEFAULT_SEED);
        putIfAbsent(root, "trials", RunConfig.DEFAULT_TRIALS);
        putIfAbsent(root, "maxTurns", RunConfig.DEFAULT_MAX_TURNS);
        putIfAbsent(root, "maxToolErrors", RunConfig.DEFAULT_MAX_TOOL_ERRORS);
        putIfAbsent(root, "concurrency", RunConfig.defaultConcurrency());
        if (!root.has("validationFraction")) root.put("validationFraction", RunConfig.DEFAULT_VALIDATION_FRACTION);
        if (!root.has("keepRejected")) root.put("keepRejected", RunConfig.DEFAULT_KEEP_REJECTED);

        if (!root.has("domainPaths")) root.putArray("domainPaths");
        if (!root.has("export")) root.putObject("export");
        if (root.get("export") instanceof ObjectNode export) {
            if (!export.has("format")) export.put("format", RunConfig.Export.DEFAULT.format());
            if (!export.has("dedup")) export.put("dedup", RunConfig.Export.DEFAULT.dedup());
            if (!export.has("nearDuplicates")) export.put("nearDuplicates", RunConfig.Export.DEFAULT.nearDuplicates());
            if (!export.has("nearDuplicateThreshold")) export.put("nearDuplicateThreshold", RunConfig.Export.DEFAULT.nearDuplicateThreshold());
        }
        if (!root.has("judging")) root.putObject("judging");
        if (root.get("judging") instanceof ObjectNode judging) {
            if (!judging.has("threshold")) judging.put("threshold", Judging.DEFAULT.threshold());
            putIfAbsent(judging, "votes", Judging.DEFAULT.votes());
            if (!judging.has("auditFraction")) judging.put("auditFraction", Judging.DEFAULT.auditFraction());
        }
        if (!root.has("agent")) root.putObject("agent");
        if (root.get("agent") instanceof ObjectNode agent) {
            if (!agent.has("provider")) agent.put("provider", ModelSpec.SCRIPTED);
            if (ModelSpec.SCRIPTED.equals(agent.get("provider").textValue())) {
                if (!agent.has("model")) agent.put("model", ModelSpec.ORACLE_AGENT);
                if (!agent.has("errors")) agent.putObject("errors");
                if (agent.get("errors") instanceof ObjectNode errors) {
                    AgentErrorRates rates = AgentErrorRates.DEFAULT;
                    if (!errors.has("wrongArgument")) errors.put("wrongArgument", rates.wrongArgument());
                    if (!errors.has("skipStep")) errors.put("skipStep", rates.skipStep());
                    if (!errors.has("noConfirmation")) errors.put("noConfirmation", rates.noConfirmation());
                    if (!errors.has("endEarly")) errors.put("endEarly", rates.endEarly());
                }
            }
        }
        if (root.get("toolSimulator") instanceof ObjectNode simulator) {
            if (!simulator.has("provider")) simulator.put("provider", ModelSpec.SCRIPTED);
            if (ModelSpec.SCRIPTED.equals(simulator.get("provider").textValue()) && !simulator.has("model")) simulator.put("model", ModelSpec.WORLD_MODEL);
        }
        if (!root.has("user")) root.putObject("user");
        if (root.get("user") instanceof ObjectNode user) {
            if (!user.has("provider")) user.put("provider", ModelSpec.SCRIPTED);
            if (ModelSpec.SCRIPTED.equals(user.get("provider").textValue()) && !user.has("model")) {
                user.put("model", ModelSpec.PERSONA_USER);
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String key, long value) {
        if (!node.has(key)) node.put(key, value);
    }

    // ---------------------------------------------------------------- binding

    private static RunConfig bind(ObjectNode tree, Problems problems) {
        try {
            return YAML.treeToValue(tree, RunConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw problems.unknownKey(path(e), e.getPropertyName(), e.getKnownPropertyIds());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                String message = invalid.getMessage();
                int colon = message.indexOf(": ");
                String base = path(e);
                if (colon > 0 && !message.substring(0, colon).contains(" ")) {
                    throw problems.at(within(base, message.substring(0, colon)), message.substring(colon + 2));
                }
                throw problems.at(base, message);
            }
            throw problems.at(path(e), firstLine(e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            String path = path(e);
            String expected = expected(e.getTargetType());
            if (expected == null) throw problems.at(path, firstLine(e.getOriginalMessage()));
            throw problems.at(path, "expected " + expected + ", got " + describe(problems.valueAt(path)));
        } catch (JsonMappingException e) {
            String path = path(e);
            if (e.getCause() instanceof InputCoercionException range) {
                throw problems.at(path, "expected " + expected(range.getTargetType()) + " in its range, got "
                        + describe(problems.valueAt(path)));
            }
            throw problems.at(path, firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw problems.at("", firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            // treeToValue reports some problems this way; keep the message, never a stack of Jackson text
            throw problems.at("", firstLine(e.getMessage()));
        }
    }

    /**
     * The dot path of {@code key}, named by a record whose own path is {@code base}: records name their keys
     * relative to themselves ({@code votes}) but a check may already name the whole path ({@code judging.votes},
     * {@code user.errors} from the root record), which is never prefixed twice.
     */
    static String within(String base, String key) {
        if (base.isEmpty() || key.equals(base) || key.startsWith(base + ".")) return key;
        return base + "." + key;
    }

    /** The strict YAML reader every config file of this project is read with (unknown keys, duplicates and coercions refused). */
    static YAMLMapper strictYamlMapper() {
        return YAML;
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String expected(Class<?> type) {
        if (type == null) return null;
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping of keys";
        return null;
    }

    /** How a value looks in a message: strings quoted, numbers and booleans as they are, shapes named. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        if (node.isNull()) return "null";
        if (node.isObject()) return "a mapping";
        if (node.isArray()) return "a list";
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > 60) text = text.substring(0, 57) + "...";
            return '"' + text.replace("\n", "\\n") + '"';
        }
        return node.toString();
    }

    static String firstLine(String message) {
        if (message == null) return "invalid";
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** Builds messages, naming the override a problem comes from when there is one, else the file. */
    private record Problems(String source, List<Override> overrides, ObjectNode tree) {

        ConfigException at(String path, String problem) {
            Override override = overrideFor(path);
            if ("is required".equals(problem)) {
                return exception(override, path, "missing required key '" + path + "'");
            }
            if (path.isEmpty()) return exception(override, path, problem);
            if (override != null && override.key().equals(path)) return exception(override, path, problem);
            return exception(override, path, "key '" + path + "': " + problem);
        }

        ConfigException unknownKey(String path, String name, Collection<Object> known) {
            List<String> valid = known.stream().map(String::valueOf).sorted().toList();
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            StringBuilder message = new StringBuilder("unknown key '").append(path).append("' (");
            String guess = closest(name, valid);
            if (guess != null) message.append("did you mean '").append(guess).append("'? ");
            message.append(parent.isEmpty() ? "valid keys: " : "valid keys under '" + parent + "': ")
                    .append(String.join(", ", valid)).append(')');
            return exception(overrideFor(path), path, message.toString());
        }

        JsonNode valueAt(String path) {
            JsonNode node = tree;
            for (String name : path.split("\\.")) {
                if (name.isEmpty()) continue;
                int bracket = name.indexOf('[');
                String field = bracket < 0 ? name : name.substring(0, bracket);
                node = node.path(field);
                while (bracket >= 0) {
                    int end = name.indexOf(']', bracket);
                    node = node.path(Integer.parseInt(name.substring(bracket + 1, end)));
                    bracket = name.indexOf('[', end);
                }
            }
            return node;
        }

        Override overrideFor(String path) {
            if (path.isEmpty()) return null;
            for (int i = overrides.size() - 1; i >= 0; i--) {
                if (overrides.get(i).covers(path)) return overrides.get(i);
            }
            return null;
        }

        private ConfigException exception(Override override, String path, String message) {
            return new ConfigException((override == null ? source : "--set " + override.shown()) + ": " + message);
        }

        private static String closest(String name, List<String> candidates) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : candidates) {
                int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return bestDistance <= (name.length() >= 5 ? 2 : 1) ? best : null;
        }

        /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
        private static int distance(String a, String b) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) d[i][0] = i;
            for (int j = 0; j <= b.length(); j++) d[0][j] = j;
            for (int i = 1; i <= a.length(); i++) {
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                    }
                }
            }
            return d[a.length()][b.length()];
        }
    }

    // ---------------------------------------------------------------- canonical form

    private static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(CanonicalJson.sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
