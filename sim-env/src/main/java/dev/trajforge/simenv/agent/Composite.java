package dev.trajforge.simenv.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A placeholder the scripted agent builds from several tool arguments, declared in a domain's phrase
 * file: {@code "when": "{date}{ at time}"} reads as the argument {@code date}, then " at " and the
 * argument {@code time}. A part written {@code {name}} is required: the composite exists only for calls
 * that have that argument. A part with text before the name, ending in a space or punctuation
 * ({@code {, name}}, {@code { at name}}), is optional: that text and the value, or nothing at all when
 * the argument is missing or empty. Text outside braces is kept as is.
 */
record Composite(String name, String template) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** a part: an optional prefix (the shortest that leaves an argument name at the end), then the argument name */
    private static final Pattern PART = Pattern.compile("\\{([^{}]*?)([a-z][a-z0-9_]*)}");

    Composite {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("composite name '" + name + "' is not a lower_snake_case name");
        if (template == null || template.isBlank()) throw new IllegalArgumentException("composite " + name + ": template is blank");
        String outside = PART.matcher(template).replaceAll("");
        if (outside.contains("{") || outside.contains("}")) {
            throw new IllegalArgumentException("composite " + name + ": '" + template + "' has a brace outside a {name} or {, name} part");
        }
        if (parts(template).stream().noneMatch(Part::required)) {
            throw new IllegalArgumentException("composite " + name + ": '" + template + "' has no required {name} part");
        }
        if (parts(template).stream().anyMatch(part -> !part.required() && !part.prefix().matches(".*[^a-z0-9_]"))) {
            throw new IllegalArgumentException("composite " + name + ": in '" + template + "' an optional part's text must end in a space or punctuation");
        }
        if (parts(template).stream().anyMatch(part -> part.argument().equals(name))) {
            throw new IllegalArgumentException("composite " + name + ": '" + template + "' refers to itself");
        }
    }

    private record Part(String prefix, String argument) {
        boolean required() {
            return prefix.isEmpty();
        }
    }

    private static List<Part> parts(String template) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PART.matcher(template);
        while (matcher.find()) parts.add(new Part(matcher.group(1), matcher.group(2)));
        return parts;
    }

    /** The composite filled from {@code arguments}, or empty when one of its required arguments is missing. */
    Optional<String> render(Map<String, String> arguments) {
        if (parts(template).stream().filter(Part::required).anyMatch(part -> !arguments.containsKey(part.argument()))) return Optional.empty();
        Matcher matcher = PART.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String prefix = matcher.group(1);
            String value = arguments.getOrDefault(matcher.group(2), "");
            String part = prefix.isEmpty() ? value : value.isEmpty() ? "" : prefix + value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(part));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }
}
