package dev.trajforge.collector.cli;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.pack.PackException;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code trajforge domains}: the domains this build can see (plus the packs under {@code --path}), with their source,
 * tools, intents and how many distinct tasks a seed yields; {@code trajforge domains check PATH} checks one pack.
 */
@Command(name = "domains", mixinStandardHelpOptions = true, subcommands = {DomainsCheckCommand.class, DomainsImportCommand.class},
        description = {"List the domains this build can see: where each comes from, its tools by kind, its intents and distinct tasks.",
                "Packs under each --path are listed too; 'domains check PATH' checks one pack against the domain contract."})
final class DomainsCommand implements Callable<Integer> {
    @Option(names = "--seed", paramLabel = "N", description = "The world seed to count tasks in (default 0).")
    long seed;

    @Option(names = "--probe", paramLabel = "N", description = "Count distinct tasks up to N (default 5000); N means at least N.")
    int probe = 5000;

    @Option(names = "--path", paramLabel = "P",
            description = "Also list the packs in P: a pack folder, or a folder of pack folders. Repeatable.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (probe < 1) {
            err.println("trajforge: --probe must be >= 1, got " + probe);
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                err.println("trajforge: --path " + path + ": " + (Files.exists(path) ? "not a folder" : "no such folder")
                        + " (a pack folder, or a folder of pack folders)");
                return TrajforgeCli.EXIT_BAD_INPUT;
            }
        }
        try {
            Map<String, Domain> domains;
            try {
                domains = Domains.discover(paths);
            } catch (IllegalStateException twoOfOneName) {
                err.println("trajforge: " + twoOfOneName.getMessage());
                return TrajforgeCli.EXIT_BAD_INPUT;
            }
            for (Domain domain : domains.values()) print(domain, System.out);
        } catch (PackException e) { // a pack that does not load, or whose seed program fails
            return Failures.packProblems(e, err);
        }
        return TrajforgeCli.EXIT_OK;
    }

    private void print(Domain domain, PrintStream out) {
        World world = domain.world(seed);
        Map<ToolKind, Integer> byKind = new EnumMap<>(ToolKind.class);
        long userSide = 0;
        for (ToolDef tool : world.tools()) {
            byKind.merge(tool.kind(), 1, Integer::sum);
            if (tool.side() == ToolSide.USER) userSide++;
        }
        int distinct = world.distinctTasks(probe);
        TreeSet<String> intents = new TreeSet<>();
        for (Task task : world.tasks(distinct)) intents.addAll(task.intents());
        String origin = java.util.Set.of("builtin", "pack").contains(domain.origin().kind()) ? "" : ", origin " + domain.origin().label();
        out.println(domain.name() + "  (" + domain.source() + origin + ")");
        out.printf(Locale.ROOT, "  tools    %d: %d read, %d write, %d handoff%s%n", world.tools().size(), byKind.getOrDefault(ToolKind.READ, 0),
                byKind.getOrDefault(ToolKind.WRITE, 0), byKind.getOrDefault(ToolKind.HANDOFF, 0), (userSide == 0 ? "" : "; " + userSide + " on the user's side") + (world.simulatesTools() ? "; answered by a tool simulator" : ""));
        out.println("  intents  " + intents.size() + ": " + String.join(", ", intents));
        out.printf(Locale.ROOT, "  tasks    %s distinct from seed %d%n", distinct >= probe ? "at least " + distinct : Integer.toString(distinct), seed);
    }
}
