package dev.trajforge.simenv.imports;

import java.util.List;
import java.util.Objects;

/**
 * The tools and entity collections an importer found in an OpenAPI document or an MCP server's tool list, before
 * seed data and tasks are made for them ({@link ImportedPacks}): collections have no seed entities yet.
 *
 * @param title a human name of the API or server
 */
public record ImportedApi(String title, String description, PackDraft.Origin origin, List<DraftTool> tools,
                         List<DraftCollection> collections, ImportReport report) {
    public ImportedApi {
        title = title == null || title.isBlank() ? "imported" : title.strip();
        description = description == null ? "" : description.strip();
        Objects.requireNonNull(origin, "origin");
        tools = List.copyOf(tools);
        collections = List.copyOf(collections);
        Objects.requireNonNull(report, "report");
    }
}
