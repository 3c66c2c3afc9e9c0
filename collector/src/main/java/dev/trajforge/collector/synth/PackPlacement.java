package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.judge.DomainContract;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.imports.PackDraft;
import dev.trajforge.simenv.imports.PackWriter;
import dev.trajforge.simenv.pack.DomainPacks;
import dev.trajforge.simenv.pack.PackException;
import dev.trajforge.simenv.pack.PackProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts each synthesized domain where it belongs: written (through {@link PackWriter}) into {@code .staging/<name>},
 * loaded with {@link DomainPacks#load} and run through the {@link DomainContract}; then moved whole to
 * {@code packs/<name>} when every clause is kept, else to {@code rejected/<name>} with {@code reasons.json}. A domain
 * that never became a pack (a stage failed, the draft was refused) gets {@code rejected/<name>/reasons.json} too. An
 * earlier placement of the same name is replaced, so running again from the journal gives the same folders.
 */
final class PackPlacement {
    private final Path packs;
    private final Path rejected;
    private final Path staging;
    private final long seed;
    private final int contractTasks;

    PackPlacement(Path output, long seed, int contractTasks) {
        this.packs = output.resolve("packs");
        this.rejected = output.resolve("rejected");
        this.staging = output.resolve(".staging");
        this.seed = seed;
        this.contractTasks = contractTasks;
    }

    PackOutcome place(SynthesizedDomain domain) {
        PackDraft draft;
        try {
            draft = DraftMapping.draft(domain);
        } catch (IllegalArgumentException e) {
            return reject(domain.name(), "pack", List.of("the synthesized parts do not make a pack: " + e.getMessage()));
        }
        Path folder = staging.resolve(domain.name());
        try {
            deleteTree(folder);
            PackWriter.write(draft, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pack " + folder, e);
        }
        List<String> reasons = check(folder);
        if (reasons.isEmpty()) {
            move(folder, packs.resolve(domain.name()), domain.name());
            return new PackOutcome(domain.name(), true, "contract", List.of());
        }
        PackOutcome outcome = new PackOutcome(domain.name(), false, "contract", reasons);
        writeReasons(folder, outcome);
        move(folder, rejected.resolve(domain.name()), domain.name());
        return outcome;
    }

    /** A domain that has no pack to show: {@code rejected/<name>/reasons.json} alone. */
    PackOutcome reject(String name, String stage, List<String> reasons) {
        PackOutcome outcome = new PackOutcome(name, false, stage, reasons);
        Path folder = staging.resolve(name);
        try {
            deleteTree(folder);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder, e);
        }
        writeReasons(folder, outcome);
        move(folder, rejected.resolve(name), name);
        return outcome;
    }

    /** Why the pack in {@code folder} is not accepted: its load problems, or the contract's broken clauses (empty: accepted). */
    private List<String> check(Path folder) {
        List<String> reasons = new ArrayList<>();
        try {
            Domain domain = DomainPacks.load(folder);
            for (DomainContract.Clause clause : new DomainContract(domain, seed, contractTasks).check()) {
                if (!clause.kept()) reasons.add("contract: " + clause.name() + ": " + clause.detail());
            }
        } catch (PackException e) {
            for (PackProblem problem : e.problems()) reasons.add("pack: " + problem);
        } catch (RuntimeException e) { // the world or its tasks could not be built with this seed
            reasons.add("pack: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return reasons;
    }

    private static void writeReasons(Path folder, PackOutcome outcome) {
        ObjectNode node = Ideas.JSON.createObjectNode();
        node.put("name", outcome.name());
        node.put("stage", outcome.stage());
        outcome.reasons().forEach(node.putArray("reasons")::add);
        try {
            Files.writeString(folder.resolve("reasons.json"), Ideas.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve("reasons.json"), e);
        }
    }

    /** Replaces whatever {@code name} had under packs/ or rejected/ with {@code folder}. */
    private void move(Path folder, Path target, String name) {
        try {
            deleteTree(packs.resolve(name));
            deleteTree(rejected.resolve(name));
            Files.createDirectories(target.getParent());
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + folder + " to " + target, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
