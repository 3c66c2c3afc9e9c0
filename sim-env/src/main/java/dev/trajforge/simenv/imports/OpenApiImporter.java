package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Imports an OpenAPI 3.0 or 3.1 document: one simulated tool per operation (named by its operationId, else its
 * method and path), GET and HEAD reads and the rest writes; entity collections from the component schemas that
 * operations answer or take and that carry an id-like field; simulation hints from method, path and parameters
 * ({@link OpenApiHints}). An operation that cannot be mapped is reported and skipped.
 */
public final class OpenApiImporter {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiImporter() {
    }

    /** @throws ImportException when the file is missing or is not an OpenAPI 3.0/3.1 document */
    public static ImportedApi read(Path file) {
        OpenApiDocument document = OpenApiDocument.read(file);
        ImportReport.Builder report = new ImportReport.Builder();
        document.messages().forEach(message -> report.note("parser: " + message));
        List<String> notes = new ArrayList<>();
        OperationReader reader = new OperationReader(document, notes);
        List<OpenApiOperation> operations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        document.tree().path("paths").fields().forEachRemaining(entry -> {
            JsonNode pathItem = document.resolve(entry.getValue());
            for (String method : METHODS) {
                JsonNode operation = pathItem.get(method);
                if (operation == null) continue;
                String source = method.toUpperCase(Locale.ROOT) + " " + entry.getKey();
                String name = unique(toolName(operation.path("operationId").asText(""), method, entry.getKey()), names);
                try {
                    operations.add(reader.read(name, method, entry.getKey(), pathItem, operation));
                } catch (OperationReader.Skip skip) {
                    report.skipped(source, skip.getMessage());
                } catch (RuntimeException e) {
                    report.skipped(source, "cannot be mapped: " + e.getMessage());
                }
            }
        });
        notes.forEach(report::note);
        List<OpenApiHints.Found> found = new ArrayList<>();
        List<DraftCollection> collections = collections(document, operations, found, report);
        List<DraftTool> tools = new ArrayList<>();
        for (OpenApiOperation operation : operations) {
            try {
                DraftTool tool = new DraftTool(operation.name(), operation.description(), operation.reads() ? ToolKind.READ : ToolKind.WRITE,
                        ToolSide.AGENT, operation.parameters(), operation.output(), OpenApiHints.of(operation, found));
                tools.add(tool);
                report.mapped(tool, operation.source());
            } catch (IllegalArgumentException e) {
                report.skipped(operation.source(), e.getMessage());
            }
        }
        return new ImportedApi(document.title(), document.description(), new PackDraft.Origin(PackDraft.Origin.Kind.OPENAPI,
                file.getFileName().toString()), tools, collections, report.build());
    }

    /** The component schemas operations answer or take (directly or as lists) that have a key, as collections. */
    private static List<DraftCollection> collections(OpenApiDocument document, List<OpenApiOperation> operations, List<OpenApiHints.Found> found,
                                                     ImportReport.Builder report) {
        Set<String> entities = new LinkedHashSet<>();
        for (OpenApiOperation operation : operations) {
            if (operation.outputSchema() != null) entities.add(operation.outputSchema());
            if (operation.bodySchema() != null) entities.add(operation.bodySchema());
        }
        List<DraftCollection> collections = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String entity : entities) {
            JsonNode raw = document.pointer("#/components/schemas/" + entity);
            ObjectNode schema = document.schemas().convert(raw);
            if (!"object".equals(schema.path("type").asText())) continue;
            String collection = EntityKeys.collectionName(entity);
            List<String> addressedBy = new ArrayList<>();
            for (OpenApiOperation operation : operations) {
                boolean about = entity.equals(operation.outputSchema()) || entity.equals(operation.bodySchema())
                        || operation.nouns().stream().anyMatch(noun -> EntityKeys.names(noun, entity, collection));
                if (about && operation.addressedBy() != null) addressedBy.add(operation.addressedBy());
            }
            String key = EntityKeys.keyOf(schema, entity, addressedBy);
            if (key == null) {
                report.note("schema " + entity + " has no id-like string or integer field: no collection");
                continue;
            }
            if (!used.add(collection)) continue;
            collections.add(new DraftCollection(collection, key, EntityKeys.entitySchema(schema, key), null, List.of()));
            found.add(new OpenApiHints.Found(entity, collection, key));
        }
        return collections;
    }

    /** The operationId made a tool name ({@code [A-Za-z0-9_-]{1,64}}), else method and path ({@code get_pet_petId}). */
    static String toolName(String operationId, String method, String path) {
        String name = sanitize(operationId);
        return name.isEmpty() ? sanitize(method + "_" + path) : name;
    }

    private static String sanitize(String text) {
        String name = text.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        for (int i = 2; !names.add(candidate); i++) {
            String suffix = "_" + i;
            candidate = (name.length() + suffix.length() > 64 ? name.substring(0, 64 - suffix.length()) : name) + suffix;
        }
        return candidate;
    }
}
