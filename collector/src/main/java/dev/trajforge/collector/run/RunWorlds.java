package dev.trajforge.collector.run;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.DomainShare;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.episode.EpisodeLimits;
import dev.trajforge.collector.episode.EpisodeRunner;
import dev.trajforge.judge.Agreement;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.pack.PackException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worlds a run plays in: one per domain of the config (one for {@code domain:}, several for
 * {@code domains:}), each seeded from the run seed, with its share of the tasks, its episode runner and
 * its judge. The run's task list takes the domains in turn ({@link DomainShare#interleave}), so it is
 * the same on every invocation and a resumed or budget-stopped run holds the domains in proportion.
 */
final class RunWorlds {
    /** One domain of the run: its world and how its episodes are run and judged. */
    record Part(Domain domain, World world, EpisodeWork work) {
    }

    private final List<Part> parts;
    private final List<Task> tasks;
    private final int[] partOfTask;

    private RunWorlds(List<Part> parts, List<Task> tasks, int[] partOfTask) {
        this.parts = List.copyOf(parts);
        this.tasks = List.copyOf(tasks);
        this.partOfTask = partOfTask;
    }

    /** The config's domains, from the class path or its {@code domainPaths}; a pack that no longer loads is a config error. */
    static List<Domain> domains(LoadedConfig loaded) {
        RunConfig config = loaded.config();
        Map<String, Domain> visible;
        try {
            visible = Domains.discover(config.domainFolders());
        } catch (PackException e) {
            throw new ConfigException("config " + loaded.file() + ": key 'domainPaths': " + e.getMessage(), e);
        }
        List<Domain> domains = new ArrayList<>();
        List<DomainShare> shares = config.shares();
        for (int i = 0; i < shares.size(); i++) {
            Domain found = visible.get(shares.get(i).name());
            if (found == null) {
                throw new ConfigException("config " + loaded.file() + ": key '" + (config.domains().isEmpty() ? "domain" : "domains[" + i + "].name")
                        + "': unknown domain '" + shares.get(i).name() + "' (known: " + String.join(", ", visible.keySet()) + ")");
            }
            domains.add(found);
        }
        return domains;
    }

    /** Builds every domain's world and draws its tasks; the run's episodes are its tasks x trials, in the interleaved order. */
    static RunWorlds build(LoadedConfig loaded, List<Domain> domains, RoleModels models, InfraFailureLog log) {
        RunConfig config = loaded.config();
        List<Integer> counts = DomainShare.allocate(config.shares(), config.tasks());
        List<Part> parts = new ArrayList<>();
        List<List<Task>> drawn = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            Domain domain = domains.get(i);
            World world = domain.world(config.seed()).withToolSimulation(models.toolSimulation()); // one simulation (cache, counts) per run
            EpisodeRunner runner = new EpisodeRunner(world, new EpisodeLimits(config.maxTurns(), config.maxToolErrors()),
                    config.faults() == null ? null : config.faults().plan());
            FilterPolicy policy = models.judge()
                    .map(judge -> FilterPolicy.withRubricJudge(world, judge, domain.policy().text(), config.judging().threshold(),
                            config.judging().auditFraction(), new Agreement()))
                    .orElseGet(() -> FilterPolicy.deterministic(world));
            parts.add(new Part(domain, world, new EpisodeWork(config, loaded.sha256(), domain, world, models, runner, policy, log)));
            drawn.add(world.tasks(counts.get(i)));
        }
        requireFaultToolsExist(loaded, parts);
        List<Integer> order = DomainShare.interleave(drawn.stream().map(List::size).toList());
        List<Task> tasks = new ArrayList<>(order.size());
        int[] partOfTask = new int[order.size()];
        int[] next = new int[parts.size()];
        for (int k = 0; k < order.size(); k++) {
            int part = order.get(k);
            partOfTask[k] = part;
            tasks.add(drawn.get(part).get(next[part]++));
        }
        return new RunWorlds(parts, tasks, partOfTask);
    }

    /** A tool named under {@code faults.rates} must be one of some domain of the run: a typo would inject nothing. */
    private static void requireFaultToolsExist(LoadedConfig loaded, List<Part> parts) {
        if (loaded.config().faults() == null) return;
        java.util.Set<String> tools = new java.util.TreeSet<>();
        parts.forEach(part -> part.world().tools().forEach(tool -> tools.add(tool.name())));
        for (String tool : loaded.config().faults().rates().keySet()) {
            if (!tool.equals(dev.trajforge.simenv.faults.FaultPlan.EVERY_TOOL) && !tools.contains(tool)) {
                throw new ConfigException("config " + loaded.file() + ": key 'faults.rates." + tool + "': no domain of this run has a tool "
                        + tool + " (its tools: " + String.join(", ", tools) + ")");
            }
        }
    }

    List<Task> tasks() {
        return tasks;
    }

    /** How the task at {@code taskIndex} of {@link #tasks()} is run and judged. */
    EpisodeWork workFor(int taskIndex) {
        return parts.get(partOfTask[taskIndex]).work();
    }

    List<Part> parts() {
        return parts;
    }

    /** Whether a domain of the run answers tools with a simulator. */
    boolean simulatesTools() {
        return parts.stream().anyMatch(part -> part.world().simulatesTools());
    }
}
