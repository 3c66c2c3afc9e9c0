package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.imports.LiveToolsList;
import dev.trajforge.collector.imports.McpFetchException;
import dev.trajforge.collector.imports.McpServer;
import dev.trajforge.collector.imports.McpToolsFetcher;
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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trajforge domains import}: turns an OpenAPI document or an MCP server's tool list into a domain pack whose tools
 * are simulated, with seed data and tasks; prints what it mapped and what it skipped (with the reason).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an OpenAPI 3.0/3.1 document or an MCP server's tools/list as a domain pack whose tools are simulated: "
                + "one tool per operation or MCP tool, entity collections with seed data, one task intent per tool.",
                "The tools/list comes from a file or from a live server, started over stdio or reached over streamable HTTP.",
                "Prints every tool mapped and everything skipped with the reason; check the pack with 'domains check OUT'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the pack was written", "2:bad input (a missing or unparsable file, nothing importable, "
                + "an MCP server that could not be started, exited, timed out or answered an error)",
                "5:the output folder (or --save-tools-list) cannot be written (it must be new or empty)"})
final class DomainsImportCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--openapi", paramLabel = "FILE", description = "An OpenAPI 3.0 or 3.1 document, YAML or JSON.")
        Path openapi;

        @Option(names = "--mcp-tools", paramLabel = "FILE", description = "An MCP server's tools/list result as JSON ({\"tools\": [...]} or the JSON-RPC response).")
        Path mcpTools;

        @Option(names = "--mcp-stdio", paramLabel = "COMMAND", description = "A live MCP server to start over stdio: a program and its arguments "
                + "in one string (quotes keep blanks), e.g. \"npx -y @modelcontextprotocol/server-memory\"; it inherits the environment.")
        String mcpStdio;

        @Option(names = "--mcp-http", paramLabel = "URL", description = "A live MCP server's streamable-HTTP endpoint, e.g. http://127.0.0.1:3001/mcp.")
        String mcpHttp;
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

    @Option(names = "--timeout-seconds", paramLabel = "N", description = "With --mcp-stdio or --mcp-http: the bound on starting or reaching the "
            + "server, initialize and every tools/list page (default 60).")
    int timeoutSeconds = 60;

    @Option(names = "--save-tools-list", paramLabel = "FILE", description = "With --mcp-stdio or --mcp-http: write the tools/list read from "
            + "the server to FILE (a new file), so the import can be repeated with --mcp-tools FILE.")
    Path saveToolsList;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (entities < 1) {
            err.println("trajforge: --entities must be >= 1, got " + entities);
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        boolean live = source.mcpStdio != null || source.mcpHttp != null;
        if (timeoutSeconds < 1) {
            err.println("trajforge: --timeout-seconds must be >= 1, got " + timeoutSeconds);
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        if (saveToolsList != null && !live) {
            err.println("trajforge: --save-tools-list goes with --mcp-stdio or --mcp-http (a file source is already a file)");
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        if (saveToolsList != null && Files.exists(saveToolsList)) {
            err.println("trajforge: cannot write --save-tools-list " + saveToolsList + ": it exists already");
            return TrajforgeCli.EXIT_CANNOT_WRITE;
        }
        ImportedPacks.ImportedPack pack;
        try {
            ImportedApi api;
            if (live) {
                LiveToolsList fetched = McpToolsFetcher.fetch(server(), Duration.ofSeconds(timeoutSeconds));
                if (saveToolsList != null && !save(fetched, err)) return TrajforgeCli.EXIT_CANNOT_WRITE;
                api = McpToolsImporter.fromToolsList(fetched.toolsList(), fetched.name(), fetched.server());
            } else {
                api = source.openapi != null ? OpenApiImporter.read(source.openapi) : savedServerNamed(McpToolsImporter.read(source.mcpTools));
            }
            String domain = name != null ? name : nameOf(api.title());
            pack = ImportedPacks.draft(api, domain, seed, entities);
        } catch (ImportException | McpFetchException | IllegalArgumentException e) {
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

    /**
     * A list saved with --save-tools-list names its server ({@code serverInfo.name}): the pack gets the name and policy
     * title the live import gave; any other list keeps its file name.
     */
    private ImportedApi savedServerNamed(ImportedApi api) {
        try {
            String server = new ObjectMapper().readTree(source.mcpTools.toFile()).path("serverInfo").path("name").asText("");
            return server.isBlank() ? api : new ImportedApi(server, api.description(), api.origin(), api.tools(), api.collections(), api.report());
        } catch (IOException e) {
            return api; // read once already by the importer; it reported any problem
        }
    }

    private McpServer server() {
        return source.mcpStdio != null ? McpServer.stdio(source.mcpStdio) : McpServer.http(source.mcpHttp);
    }

    /** Writes what the server answered to --save-tools-list (a new file); false, with the message, when it cannot. */
    private boolean save(LiveToolsList fetched, PrintStream err) {
        try {
            if (saveToolsList.getParent() != null) Files.createDirectories(saveToolsList.getParent());
            Files.writeString(saveToolsList, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(fetched.toolsList()) + "\n",
                    StandardOpenOption.CREATE_NEW);
            return true;
        } catch (IOException e) {
            err.println("trajforge: cannot write --save-tools-list " + saveToolsList + ": "
                    + (e instanceof FileAlreadyExistsException ? "it exists already" : e.getMessage()));
            return false;
        }
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
        if (saveToolsList != null) out.println("tools/list saved to " + saveToolsList + "; import it again with: --mcp-tools " + saveToolsList);
        out.println("pack written to " + this.out + "; check it with: trajforge domains check " + this.out);
    }

    /** A domain name from a title: {@code Swagger Petstore} gives {@code swagger_petstore}. */
    static String nameOf(String title) {
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^[^a-z]+|_+$", "");
        if (name.isEmpty()) name = "imported";
        return name.length() > 40 ? name.substring(0, 40).replaceAll("_+$", "") : name;
    }
}
