package dev.trajforge.collector.ingest;

import dev.trajforge.collector.config.YamlFile;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.PromptResource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rubric the LLM judge holds sessions to: a product team's file or the default for support
 * sessions ({@code support-rubric.yaml}), as {@code criteria: [{name, text, weight}]}. Its SHA-256
 * travels with every judged row's lineage ({@code judge_rubric}).
 */
record RubricFile(List<Criterion> criteria) {
    static final String DEFAULT = "/dev/trajforge/collector/ingest/support-rubric.yaml";

    RubricFile {
        if (criteria == null || criteria.isEmpty()) throw new IllegalArgumentException("criteria: name at least one criterion");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            if (!names.add(criteria.get(i).name())) throw new IllegalArgumentException("criteria[" + i + "].name: '" + criteria.get(i).name() + "' appears twice");
        }
        criteria = List.copyOf(criteria);
    }

    /** The rubric at {@code path}, or the default one when it is null, with the SHA-256 of its text. */
    static PromptResource load(String path) {
        return path == null ? PromptResource.load(RubricFile.class, DEFAULT) : PromptResource.fromFile(Path.of(path), "rubric");
    }

    static RubricFile parse(PromptResource resource) {
        return YamlFile.parse(resource.text(), resource.path(), RubricFile.class);
    }
}
