package dev.trajforge.collector.synth;

import dev.trajforge.collector.synth.Ideas.Named;
import org.apache.commons.text.similarity.CosineSimilarity;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Removes near-duplicates from a list of named things (domains, or the tools of one domain), keeping the first of each
 * group: two whose similarity reaches the threshold are duplicates. The similarity is the mean of the names'
 * Jaro-Winkler similarity (underscores read as spaces) and the cosine similarity of the descriptions' lowercase word
 * counts, both from Apache Commons Text.
 */
final class NearDuplicates {
    private static final JaroWinklerSimilarity NAMES = new JaroWinklerSimilarity();
    private static final CosineSimilarity WORDS = new CosineSimilarity();

    /** One removed thing: what it duplicated and how similar they were. */
    record Removed(String name, @com.fasterxml.jackson.annotation.JsonProperty("duplicate_of") String duplicateOf, double similarity) {
    }

    record Result<T extends Named>(List<T> kept, List<Removed> removed) {
    }

    private NearDuplicates() {
    }

    static <T extends Named> Result<T> remove(List<T> items, double threshold) {
        List<T> kept = new ArrayList<>();
        List<Removed> removed = new ArrayList<>();
        for (T item : items) {
            T original = null;
            double best = 0;
            for (T earlier : kept) {
                double similarity = similarity(earlier, item);
                if (similarity >= threshold && similarity > best) {
                    original = earlier;
                    best = similarity;
                }
            }
            if (original == null) kept.add(item);
            else removed.add(new Removed(item.name(), original.name(), Math.round(best * 1000) / 1000.0));
        }
        return new Result<>(List.copyOf(kept), List.copyOf(removed));
    }

    static double similarity(Named a, Named b) {
        if (a.name().equals(b.name())) return 1.0;
        double names = NAMES.apply(a.name().replace('_', ' '), b.name().replace('_', ' '));
        Double words = WORDS.cosineSimilarity(wordCounts(a.description()), wordCounts(b.description()));
        return (names + (words == null || words.isNaN() ? 0 : words)) / 2;
    }

    private static Map<CharSequence, Integer> wordCounts(String text) {
        Map<CharSequence, Integer> counts = new HashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) counts.merge(word, 1, Integer::sum);
        }
        return counts;
    }
}
