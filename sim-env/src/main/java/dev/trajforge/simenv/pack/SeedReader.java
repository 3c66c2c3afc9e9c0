package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code seed.yaml}: value pools and the steps that build the initial state. */
final class SeedReader {
    private SeedReader() {
    }

    static SeedProgram read(String domain, Path pack, PackNode root, PackProblems problems) {
        root.onlyKeys(Set.of("pools", "steps"), problems);
        Object pools = PackValues.fromNode(root.get("pools").value());
        if (root.get("pools").present() && !root.get("pools").value().isObject()) problems.add(root.get("pools").problem("must be a map of names to lists"));
        List<SeedProgram.Step> steps = new ArrayList<>();
        for (PackNode node : root.required("steps", problems).items(problems)) {
            SeedProgram.Step step = step(pack, node, problems);
            if (step != null) steps.add(step);
        }
        return new SeedProgram(domain, pools == null ? Map.of() : pools, steps);
    }

    private static SeedProgram.Step step(Path pack, PackNode node, PackProblems problems) {
        node.onlyKeys(Set.of("generate", "update", "count", "entity", "file", "let"), problems);
        if (node.get("generate").present() == node.get("update").present()) {
            problems.add(node.problem("a step either generates or updates a collection: give exactly one of 'generate' and 'update'"));
            return null;
        }
        if (node.get("update").present()) {
            String collection = node.get("update").text(problems);
            Map<String, PackExpression> let = new LinkedHashMap<>();
            node.get("let").entries(problems).forEach((key, value) -> let.put(key, PackExpression.compile(value, problems)));
            PackExpression entity = PackExpression.compile(node.required("entity", problems), problems);
            return collection == null || entity == null ? null : new SeedProgram.Update(collection, let, entity, node.get("entity"));
        }
        String collection = node.get("generate").text(problems);
        if (node.get("file").present()) {
            String file = node.get("file").text(problems);
            if (file == null) return null;
            PackDocument data = PackDocument.read(pack, file, problems);
            if (data == null) return null;
            JsonNode entities = data.root().value();
            if (!entities.isArray()) {
                problems.add(new PackProblem(file, 1, "", "must be a JSON array of entities"));
                return null;
            }
            return collection == null ? null : new SeedProgram.Load(collection, entities, node.get("file"));
        }
        double count = node.required("count", problems).number(0, problems);
        if (count < 0 || count != Math.rint(count) || count > 1_000_000) problems.add(node.get("count").problem("must be a whole number from 0 to 1000000"));
        PackExpression entity = PackExpression.compile(node.required("entity", problems), problems);
        return collection == null || entity == null ? null : new SeedProgram.Generate(collection, (int) count, entity, node.get("entity"));
    }
}
