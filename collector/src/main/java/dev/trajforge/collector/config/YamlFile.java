package dev.trajforge.collector.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A small YAML file bound straight to a record with the run config's strict rules, so a problem is
 * reported as {@code file:line: key 'a.b': message}: the file, the line and the key, never a Jackson
 * stack. Used for the files beside a run config (the sessions config, a rubric).
 */
public final class YamlFile {
    private YamlFile() {
    }

    /** The text of {@code file} as a {@code type}; an empty file is refused. */
    public static <T> T read(Path file, Class<T> type) {
        return parse(text(file, file.toString()), file.toString(), type);
    }

    /** The UTF-8 text of a config file; {@code source} names it in the error (a directory, a missing file, not UTF-8). */
    static String text(Path file, String source) {
        try {
            if (Files.isDirectory(file)) throw new ConfigException(source + ": is a directory, expected a YAML file");
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read (" + e + ")", e);
        }
    }

    /** {@code text}, named {@code source} in messages, as a {@code type}. */
    public static <T> T parse(String text, String source, Class<T> type) {
        if (text.isBlank()) throw new ConfigException(source + ": file is empty");
        try {
            return ConfigLoader.strictYamlMapper().readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            String key = ConfigLoader.path(e);
            int line = lineOf(text, key);
            throw new ConfigException((line > 0 ? source + ":" + line : at(source, e.getLocation())) + ": unknown key '" + key + "' (valid keys here: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")", e);
        } catch (ValueInstantiationException e) {
            String message = ConfigLoader.firstLine(e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getOriginalMessage());
            String key = ConfigLoader.path(e);
            int colon = message.indexOf(": ");
            if (colon > 0 && !message.substring(0, colon).contains(" ")) { // "votes: must be in [1, 9]": the record names its own key
                key = ConfigLoader.within(key, message.substring(0, colon));
                message = message.substring(colon + 2);
            }
            int line = lineOf(text, key);
            String where = line > 0 ? source + ":" + line : at(source, e.getLocation());
            throw new ConfigException(where + (key.isEmpty() ? ": " : ": key '" + key + "': ") + message, e);
        } catch (MismatchedInputException e) {
            String expected = ConfigLoader.expected(e.getTargetType());
            throw new ConfigException(at(source, e.getLocation()) + key(e)
                    + (expected == null ? ConfigLoader.firstLine(e.getOriginalMessage()) : "expected " + expected), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(at(source, e.getLocation()) + key(e) + ConfigLoader.firstLine(e.getOriginalMessage()), e);
        } catch (JacksonException e) {
            throw new ConfigException(at(source, e.getLocation()) + ": YAML syntax error: " + ConfigLoader.firstLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * A problem found after {@code file} was read ({@code "mapping.domain: unknown domain 'x'"}, the key first) as
     * {@code file:line: key 'mapping.domain': unknown domain 'x'}.
     */
    public static ConfigException problem(Path file, String keyAndMessage) {
        int colon = keyAndMessage.indexOf(": ");
        if (colon <= 0 || keyAndMessage.substring(0, colon).contains(" ")) return new ConfigException(file + ": " + keyAndMessage);
        String key = keyAndMessage.substring(0, colon);
        int line;
        try {
            line = lineOf(Files.readString(file, StandardCharsets.UTF_8), key);
        } catch (IOException e) {
            line = 0;
        }
        return new ConfigException(file + (line > 0 ? ":" + line : "") + ": key '" + key + "': " + keyAndMessage.substring(colon + 2));
    }

    /** The line where a dot path's last key is written (each key looked for below its parent), or 0 when it is not found as written. */
    static int lineOf(String text, String dotPath) {
        if (dotPath.isEmpty() || dotPath.contains("[")) return 0;
        String[] lines = text.split("\n", -1);
        int from = 0;
        int indent = -1;
        int found = 0;
        for (String key : dotPath.split("\\.")) {
            java.util.regex.Pattern written = java.util.regex.Pattern.compile("^( *)(?:" + java.util.regex.Pattern.quote(key) + "|['\"]"
                    + java.util.regex.Pattern.quote(key) + "['\"]) *:");
            found = 0;
            for (int i = from; i < lines.length; i++) {
                java.util.regex.Matcher m = written.matcher(lines[i]);
                if (m.find() && m.group(1).length() > indent) {
                    found = i + 1;
                    from = i + 1;
                    indent = m.group(1).length();
                    break;
                }
            }
            if (found == 0) return 0;
        }
        return found;
    }

    private static String at(String source, JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? source : source + ":" + location.getLineNr();
    }

    private static String key(JsonMappingException e) {
        String key = ConfigLoader.path(e);
        return key.isEmpty() ? ": " : ": key '" + key + "': ";
    }
}
