package dev.trajforge.collector.cli;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code trajforge domains}: the domains this build can see, with their tools, intents and how many distinct tasks a seed yields. */
@Command(name = "domains", mixinStandardHelpOptions = true,
        description = "List the domains this build can see: where each comes from, its tools by kind, its intents and distinct tasks.")
final class DomainsCommand implements Callable<Integer> {
    @Option(names = "--seed", paramLabel = "N", description = "The world seed to count tasks in (default 0).")
    long seed;

    @Option(names = "--probe", paramLabel = "N", description = "Count distinct tasks up to N (default 5000); N means at least N.")
    int probe = 5000;

    @Override
    public Integer call() {
        if (probe < 1) {
            System.err.println("trajforge: --probe must be >= 1, got " + probe);
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        PrintStream out = System.out;
        for (Domain domain : Domains.discover().values()) print(domain, out);
        return TrajforgeCli.EXIT_OK;
    }

    private void print(Domain domain, PrintStream out) {
        World world = domain.world(seed);
        Map<ToolKind, Integer> byKind = new EnumMap<>(ToolKind.class);
        long userSide = 0;
        for (ToolDef tool : world.tools()) {
            byKind.merge(tool.kind(), 1, Integer::sum);
            if (tool.side() == dev.trajforge.simenv.tools.ToolSide.USER) userSide++;
        }
        int distinct = world.distinctTasks(probe);
        TreeSet<String> intents = new TreeSet<>();
        for (Task task : world.tasks(distinct)) intents.addAll(task.intents());
        out.println(domain.name() + "  (" + domain.source() + ")");
        out.printf(Locale.ROOT, "  tools    %d: %d read, %d write, %d handoff%s%n", world.tools().size(), byKind.getOrDefault(ToolKind.READ, 0),
                byKind.getOrDefault(ToolKind.WRITE, 0), byKind.getOrDefault(ToolKind.HANDOFF, 0), userSide == 0 ? "" : "; " + userSide + " on the user's side");
        out.println("  intents  " + intents.size() + ": " + String.join(", ", intents));
        out.printf(Locale.ROOT, "  tasks    %s distinct from seed %d%n", distinct >= probe ? "at least " + distinct : Integer.toString(distinct), seed);
    }
}
