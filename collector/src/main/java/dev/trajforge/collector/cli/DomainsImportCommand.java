package dev.trajforge.collector.cli;

import dev.trajforge.simenv.imports.ImportException;
import dev.trajforge.simenv.imports.ImportReport;
import dev.trajforge.simenv.imports.ImportedApi;
import dev.trajforge.simenv.imports.ImportedPacks;
import dev.trajforge.simenv.imports.McpToolsImporter;
import dev.trajforge.simenv.imports.OpenApiImporter;
import dev.trajforge.simenv.imports.PackDraft;
import dev.trajforge.simenv.imports.PackWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trajforge domains import}: turns an OpenAPI document or an MCP server's tool list into a domain pack whose tools
 * are simulated, with seed data and tasks; prints what it mapped and what it skipped (with the reason).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an OpenAPI 3.0/3.1 document or an MCP server's tools/list as a domain pack whose tools are simulated: "
                + "one tool per operation or MCP tool, entity collections with seed data, one task intent per tool.",
                "Prints every tool mapped and everything skipped with the reason; check the pack with 'domains check OUT'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the pack was written", "2:bad input (a missing or unparsable file, nothing importable)",
                "5:the output folder cannot be written (it must be new or empty)"})
final class DomainsImportCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--openapi", paramLabel = "FILE", description = "An OpenAPI 3.0 or 3.1 document, YAML or JSON.")
        Path openapi;

        @Option(names = "--mcp-tools", paramLabel = "FILE", description = "An MCP server's tools/list result as JSON ({\"tools\": [...]} or the JSON-RPC response).")
        Path mcpTools;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The pack folder to write (new or empty).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The domain's name ([a-z][a-z0-9_]*); default: from the API's title.")
    String name;

    @Option(names = "--seed", paramLabel = "N", description = "The seed of the seed data and the tasks' drawn values (default 0).")
    long seed;

    @Option(names = "--entities", paramLabel = "N", description = "Seed entities per collection (default 12).")
    int entities = 12;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (entities < 1) {
            err.println("trajforge: --entities must be >= 1, got " + entities);
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        ImportedPacks.ImportedPack pack;
        try {
            ImportedApi api = source.openapi != null ? OpenApiImporter.read(source.openapi) : McpToolsImporter.read(source.mcpTools);
            String domain = name != null ? name : nameOf(api.title());
            pack = ImportedPacks.draft(api, domain, seed, entities);
        } catch (ImportException | IllegalArgumentException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        try {
            PackWriter.write(pack.draft(), out);
        } catch (IOException e) {
            err.println("trajforge: cannot write the pack: " + e.getMessage());
            return TrajforgeCli.EXIT_CANNOT_WRITE;
        }
        print(pack, System.out);
        return TrajforgeCli.EXIT_OK;
    }

    private void print(ImportedPacks.ImportedPack pack, PrintStream stdout) {
        PrintStream out = stdout;
        PackDraft draft = pack.draft();
        ImportReport report = pack.report();
        out.println(draft.name() + "  (" + draft.origin().kind().wireName() + ": " + draft.origin().source() + ")");
        for (ImportReport.Mapped mapped : report.mapped()) {
            out.printf(Locale.ROOT, "mapped   %-32s %-5s %-6s %s  <- %s%n", mapped.tool(), mapped.kind(), mapped.action(),
                    mapped.collection() == null ? "-" : mapped.collection(), mapped.source());
        }
        for (ImportReport.Skipped skipped : report.skipped()) out.println("skipped  " + skipped.source() + ": " + skipped.reason());
        for (String note : report.notes()) out.println("note     " + note);
        long reads = draft.tools().stream().filter(t -> t.kind() == dev.trajforge.simenv.tools.ToolKind.READ).count();
        out.printf(Locale.ROOT, "%d tools (%d read, %d write), %d skipped; %d collections of %d entities; %d intents%n", draft.tools().size(), reads,
                draft.tools().size() - reads, report.skipped().size(), draft.collections().size(), entities, draft.intents().size());
        out.println("pack written to " + this.out + "; check it with: trajforge domains check " + this.out);
    }

    /** A domain name from a title: {@code Swagger Petstore} gives {@code swagger_petstore}. */
    static String nameOf(String title) {
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^[^a-z]+|_+$", "");
        if (name.isEmpty()) name = "imported";
        return name.length() > 40 ? name.substring(0, 40).replaceAll("_+$", "") : name;
    }
}
