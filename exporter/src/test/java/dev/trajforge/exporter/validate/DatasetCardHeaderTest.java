package dev.trajforge.exporter.validate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configs: block of a dataset card, in the shapes Hugging Face documents. */
class DatasetCardHeaderTest {
    @Test
    void should_read_one_glob_per_split() {
        String card = """
                ---
                configs:
                - config_name: default
                  data_files:
                  - split: train
                    path: data/train-*
                  - split: validation
                    path: "data/validation-*"
                tags:
                - trajforge
                ---
                # title
                """;
        assertEquals(Map.of("train", List.of("data/train-*"), "validation", List.of("data/validation-*")), DatasetCardHeader.splitPaths(card));
    }

    @Test
    void should_read_lists_of_globs_in_block_and_flow_style() {
        String card = """
                ---
                configs:
                - config_name: default
                  data_files:
                  - split: train
                    path:
                    - data/train-0*
                    - data/train-1*
                  - split: rejected
                    path: [data/rejected-*, "extra/rejected-*"]
                ---
                """;
        assertEquals(Map.of("train", List.of("data/train-0*", "data/train-1*"), "rejected", List.of("data/rejected-*", "extra/rejected-*")),
                DatasetCardHeader.splitPaths(card));
    }

    @Test
    void should_refuse_a_card_without_front_matter_or_configs() {
        assertThrows(IllegalArgumentException.class, () -> DatasetCardHeader.splitPaths("# just a title\n"));
        assertThrows(IllegalArgumentException.class, () -> DatasetCardHeader.splitPaths("---\ntags:\n- x\n---\n"));
        assertThrows(IllegalArgumentException.class, () -> DatasetCardHeader.splitPaths("---\nconfigs:\n- config_name: default\n"));
    }

    @Test
    void should_match_globs_within_one_path_segment_like_datasets() {
        assertTrue(DatasetCardHeader.glob("data/train-*").matcher("data/train-00000-of-00002.parquet").matches());
        assertFalse(DatasetCardHeader.glob("data/train-*").matcher("data/validation-00000-of-00001.parquet").matches());
        assertFalse(DatasetCardHeader.glob("data/*").matcher("data/sub/train-00000-of-00001.parquet").matches());
        assertTrue(DatasetCardHeader.glob("data/**").matcher("data/sub/train-00000-of-00001.parquet").matches());
    }
}
