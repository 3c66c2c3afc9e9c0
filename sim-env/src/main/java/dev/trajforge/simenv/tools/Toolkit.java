package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of a class whose methods carry LangChain4j {@code @Tool}/{@code @P} annotations. Built
 * once per domain (reflection, schemas); {@link #execute} dispatches a call onto a per-episode
 * instance. This is the only place tool exceptions are caught: every failure becomes an error result.
 */
public final class Toolkit<T> {
    /** Arguments bind by the names the schema advertises (no naming strategy), strictly. */
    private static final ObjectMapper ARGUMENTS = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .build();

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<ToolSpecification> specifications;
    private final List<ToolDef> definitions;

    private record Entry(Method method, ToolSpecification spec, ArgumentSchema schema, List<String> argumentNames,
                         List<JavaType> argumentTypes) {
    }

    public Toolkit(Class<T> toolsClass) {
        ObjectMapper mapper = ARGUMENTS;
        List<Method> methods = new ArrayList<>();
        for (Method method : toolsClass.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Tool.class)) methods.add(method);
        }
        methods.sort(Comparator.comparing(Method::getName)); // reflection order is unspecified
        List<ToolSpecification> specs = new ArrayList<>();
        for (Method method : methods) {
            method.setAccessible(true);
            ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
            if (spec.parameters() == null) { // no-argument tools: an explicit empty object schema, as on the wire
                spec = spec.toBuilder().parameters(JsonObjectSchema.builder().build()).build();
            }
            List<String> names = new ArrayList<>();
            List<JavaType> types = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                P p = parameter.getAnnotation(P.class);
                names.add(p != null && !p.name().isBlank() ? p.name() : parameter.getName());
                types.add(mapper.getTypeFactory().constructType(parameter.getParameterizedType()));
            }
            ArgumentSchema schema = new ArgumentSchema(ToolSchemaJson.schema(spec.parameters()));
            if (entries.put(spec.name(), new Entry(method, spec, schema, names, types)) != null) {
                throw new IllegalArgumentException("duplicate tool name " + spec.name() + " in " + toolsClass.getName());
            }
            specs.add(spec);
        }
        specs.sort(Comparator.comparing(ToolSpecification::name));
        this.specifications = List.copyOf(specs);
        List<ToolDef> defs = new ArrayList<>();
        for (ToolSpecification spec : specs) {
            Entry entry = entries.get(spec.name());
            Kind kind = entry.method().getAnnotation(Kind.class);
            defs.add(new ToolDef(spec.name(), spec.description(), entry.schema().node(), kind == null ? ToolKind.READ : kind.value(),
                    kind == null ? ToolSide.AGENT : kind.side()));
        }
        this.definitions = List.copyOf(defs);
    }

    /** The tools as definitions (name, description, JSON Schema, kind from {@link Kind}, side), in name order. */
    public List<ToolDef> definitions() {
        return definitions;
    }

    public List<ToolSpecification> specifications() {
        return specifications;
    }

    public boolean has(String toolName) {
        return entries.containsKey(toolName);
    }

    /** Validates the call against the tool's schema, invokes it on {@code target}, renders the result. */
    public ToolResult execute(T target, ToolCall call) {
        Entry entry = entries.get(call.name());
        if (entry == null) {
            return ToolResult.error(call, "unknown tool '" + call.name() + "'. Available tools: " + String.join(", ", entries.keySet()));
        }
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        if (arguments == null) {
            return ToolResult.error(call, "arguments must be a JSON object, got: " + abbreviate(call.argumentsJson()));
        }
        Optional<String> problem = entry.schema().validate(arguments);
        if (problem.isPresent()) return ToolResult.error(call, problem.get());
        Object[] values = new Object[entry.argumentNames().size()];
        for (int i = 0; i < values.length; i++) {
            String name = entry.argumentNames().get(i);
            JavaType type = entry.argumentTypes().get(i);
            var node = arguments.get(name);
            if (node == null || node.isNull()) {
                if (type.isPrimitive()) return ToolResult.error(call, "missing argument '" + name + "'");
                continue;
            }
            try {
                values[i] = ARGUMENTS.convertValue(node, type);
            } catch (IllegalArgumentException e) { // e.g. an integer out of range for the parameter
                return ToolResult.error(call, "argument '" + name + "': cannot be read as " + type.getRawClass().getSimpleName() + ": " + node);
            }
        }
        try {
            Object result = entry.method().invoke(target, values);
            return ToolResult.ok(call, render(target, result));
        } catch (InvocationTargetException e) {
            // ToolException: the backend refused; IllegalArgumentException: a value failed validation at the door
            if (e.getCause() instanceof ToolException || e.getCause() instanceof IllegalArgumentException) {
                return ToolResult.error(call, e.getCause().getMessage());
            }
            throw new IllegalStateException("tool " + call.name() + " failed unexpectedly", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("tool " + call.name() + " is not accessible", e);
        }
    }

    private static String render(Object target, Object result) {
        if (result == null) return "null";
        if (result instanceof String text) return text;
        if (target instanceof Rendered rendered) {
            String json = rendered.renderedJson(result);
            if (json != null) return json;
        }
        return CanonicalJson.write(result);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
