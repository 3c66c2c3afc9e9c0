package dev.trajforge.simenv.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The problems found while loading one pack; loading goes on past a problem so that all are reported at once. */
final class PackProblems {
    private final List<PackProblem> found = new ArrayList<>();

    void add(PackProblem problem) {
        found.add(problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    /** Throws a {@link PackException} with every problem found so far, if any. */
    void throwIfAny(Path pack) {
        if (!found.isEmpty()) throw new PackException(pack, found);
    }
}
