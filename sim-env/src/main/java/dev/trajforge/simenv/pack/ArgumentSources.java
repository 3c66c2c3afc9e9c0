package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.GoldStep.ArgumentSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each argument of a gold step comes from, read off what was said before the call: a value the
 * user says (the request, their identity, the details they give) is {@code user}; else one an earlier
 * tool result showed is {@code result}; else it is a {@code constant} of the domain.
 */
final class ArgumentSources {
    private ArgumentSources() {
    }

    static Map<String, ArgumentSource> infer(Map<String, Object> arguments, CharSequence userSays, CharSequence results) {
        Map<String, ArgumentSource> sources = new TreeMap<>();
        arguments.forEach((name, value) -> sources.put(name, of(value, userSays.toString(), results.toString())));
        return sources;
    }

    private static ArgumentSource of(Object value, String userSays, String results) {
        List<?> parts = value instanceof List<?> list ? list : List.of(value);
        if (!parts.isEmpty() && parts.stream().allMatch(p -> userSays.contains(PackValues.text(p)))) return ArgumentSource.USER;
        if (!parts.isEmpty() && parts.stream().allMatch(p -> userSays.contains(PackValues.text(p)) || results.contains(PackValues.text(p)))) {
            return ArgumentSource.RESULT;
        }
        return ArgumentSource.CONSTANT;
    }
}
