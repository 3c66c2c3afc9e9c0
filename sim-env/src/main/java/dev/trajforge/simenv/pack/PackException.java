package dev.trajforge.simenv.pack;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A domain pack that cannot be used, with every problem found in it (each names file, line and key). */
public final class PackException extends RuntimeException {
    private final transient Path pack;
    private final List<PackProblem> problems;

    public PackException(Path pack, List<PackProblem> problems) {
        super("domain pack " + pack + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + problems.stream().map(p -> p.toString(pack)).collect(Collectors.joining("\n  ")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a pack exception needs at least one problem");
        this.pack = pack;
        this.problems = List.copyOf(problems);
    }

    public Path pack() {
        return pack;
    }

    public List<PackProblem> problems() {
        return problems;
    }
}
