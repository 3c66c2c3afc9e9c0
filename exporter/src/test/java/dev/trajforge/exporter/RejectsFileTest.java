package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An import's rejected input lines are published with its dataset, listed in the manifest, and gone when the output is replaced. */
class RejectsFileTest {
    @TempDir
    Path out;

    @Test
    void should_publish_the_rejects_beside_the_manifest_with_their_checksum_and_remove_them_on_overwrite() throws Exception {
        byte[] rejects = "{\"file\":\"a.jsonl\",\"line\":3,\"format\":\"openai-chat\",\"reason\":\"bad JSON\"}\n".getBytes(StandardCharsets.UTF_8);
        try (DatasetExport export = DatasetExport.open(Fixtures.settings(out, false), Fixtures.conf())) {
            Fixtures.run(3, 1).forEach(export::write);
            export.attachRejects(rejects);
            export.commit(Fixtures.CREATED_AT, UsageTotals.none());
        }

        assertEquals(new String(rejects, StandardCharsets.UTF_8), Files.readString(out.resolve("rejects.jsonl")));
        JsonNode file = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("metrics").path("rejects_file");
        assertEquals(Hashing.sha256Hex(rejects), file.path("sha256").asText());
        assertEquals(rejects.length, file.path("bytes").asInt());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        try (DatasetExport again = DatasetExport.open(Fixtures.settings(out, false).withOverwrite(true), Fixtures.conf())) {
            Fixtures.run(3, 1).forEach(again::write);
            again.commit(Fixtures.CREATED_AT, UsageTotals.none());
        }
        assertFalse(Files.exists(out.resolve("rejects.jsonl")), "a replaced import's rejects go with it");
    }
}
