package dev.trajforge.collector.cli;

import dev.trajforge.judge.DomainContract;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.pack.DomainPacks;
import dev.trajforge.simenv.pack.PackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code trajforge domains check PATH}: loads one domain pack, reporting every problem as {@code file:line: key: message}
 * (exit 2), then builds its world and runs the {@link DomainContract} over its first tasks: one line per clause, exit 1
 * when any clause is broken.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a domain pack: load it (every problem is printed as file:line: key: message, exit 2), build its world "
                + "and run the domain contract over its first tasks: the gold plans are accepted, a do-nothing agent, a wrong write "
                + "and a write without confirmation are rejected, the same seed gives the same world, every tool is used.",
                "Prints one line per clause and exits 0 when every clause is kept, 1 otherwise."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every clause of the contract is kept", "1:a clause is broken (or a bug: please report it)",
                "2:the pack has problems (each printed as file:line: key: message)"})
final class DomainsCheckCommand implements Callable<Integer> {
    static final int DEFAULT_TASKS = 250;

    @Parameters(index = "0", paramLabel = "PATH", description = "The pack folder (the folder holding domain.yaml).")
    Path path;

    @Option(names = "--seed", paramLabel = "N", description = "The world seed (default 0).")
    long seed;

    @Option(names = "--tasks", paramLabel = "N", description = "How many of the seed's tasks to replay (default " + DEFAULT_TASKS + ").")
    int tasks = DEFAULT_TASKS;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (tasks < 1) {
            err.println("trajforge: --tasks must be >= 1, got " + tasks);
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        List<DomainContract.Clause> clauses;
        Domain domain;
        try {
            domain = DomainPacks.load(path);
            clauses = new DomainContract(domain, seed, tasks).check();
        } catch (PackException e) { // the pack's files, or its seed program for this seed
            return Failures.packProblems(e, err);
        }
        out.println(domain.name() + "  (" + domain.source() + "), seed " + seed);
        int kept = 0;
        for (DomainContract.Clause clause : clauses) {
            if (clause.kept()) {
                kept++;
                out.println("ok   " + clause.name() + (clause.detail().isEmpty() ? "" : " (" + clause.detail() + ")"));
            } else {
                out.println("FAIL " + clause.name() + ": " + clause.detail());
            }
        }
        boolean all = kept == clauses.size();
        out.println(all ? "OK: " + domain.name() + " keeps all " + kept + " clauses of the domain contract"
                : "FAILED: " + domain.name() + " breaks " + (clauses.size() - kept) + " of " + clauses.size() + " clauses of the domain contract");
        return all ? TrajforgeCli.EXIT_OK : TrajforgeCli.EXIT_FAILURE;
    }
}
