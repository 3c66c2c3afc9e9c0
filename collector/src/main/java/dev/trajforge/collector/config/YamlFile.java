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
        String text;
        try {
            if (Files.isDirectory(file)) throw new ConfigException(file + ": is a directory, expected a YAML file");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e + ")", e);
        }
        return parse(text, file.toString(), type);
    }

    /** {@code text}, named {@code source} in messages, as a {@code type}. */
    public static <T> T parse(String text, String source, Class<T> type) {
        if (text.isBlank()) throw new ConfigException(source + ": file is empty");
        try {
            return ConfigLoader.strictYamlMapper().readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            String key = ConfigLoader.path(e);
            throw new ConfigException(at(source, e.getLocation()) + ": unknown key '" + key + "' (valid keys here: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")", e);
        } catch (ValueInstantiationException e) {
            String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new ConfigException(at(source, e.getLocation()) + key(e) + ConfigLoader.firstLine(message), e);
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

    private static String at(String source, JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? source : source + ":" + location.getLineNr();
    }

    private static String key(JsonMappingException e) {
        String key = ConfigLoader.path(e);
        return key.isEmpty() ? ": " : ": key '" + key + "': ";
    }
}
