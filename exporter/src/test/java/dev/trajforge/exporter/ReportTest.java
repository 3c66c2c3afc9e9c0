package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.exporter.report.HtmlReport;
import dev.trajforge.exporter.report.StoredReport;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report.html}: written with every export from its manifest and records, safe for any text, the same for the same data. */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("data-metric=\"([^\"]+)\">([^<]*)<");

    @TempDir
    Path dir;

    @Test
    void should_write_report_html_beside_the_manifest_showing_the_manifests_acceptance_numbers() throws IOException {
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, false), Fixtures.run(12, 3));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        Map<String, String> shown = metrics(Files.readString(out.resolve(HtmlReport.FILE_NAME)));

        assertEquals(manifest.get("episodes").asText(), shown.get("episodes"));
        assertEquals(manifest.get("accepted").asText(), shown.get("accepted"));
        assertEquals(manifest.get("infra_failed").asText(), shown.get("infra_failed"));
        manifest.get("rejected").properties().forEach(r -> assertEquals(r.getValue().asText(), shown.get("rejected." + r.getKey())));
        manifest.get("splits").properties().forEach(s -> assertEquals(s.getValue().asText(), shown.get("splits." + s.getKey())));
    }

    @Test
    void should_be_one_file_that_loads_nothing_with_the_charts_library_and_data_inline() throws IOException {
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, false), Fixtures.run(12, 3));
        String page = Files.readString(out.resolve(HtmlReport.FILE_NAME));

        assertTrue(page.contains("Chart.js v4"), "Chart.js is inline");
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]*\\s(src|href)=", Pattern.CASE_INSENSITIVE).matcher(page).find(),
                "no element loads anything");
        assertFalse(page.contains("sourceMappingURL"), "no source map is asked for");
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"), "the page forbids itself any fetch");
        assertTrue(page.contains("<table") && page.contains("<details"), "numbers and trajectories are readable without JavaScript");
    }

    @Test
    void should_show_text_from_a_trajectory_as_text_never_as_markup() throws IOException {
        String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        ToolCall call = new ToolCall("call_1", "get_<b>order</b>", "{\"note\":\"</script><script>alert(2)</script>\"}");
        List<Message> messages = List.of(Message.system("policy " + attack), Message.user("hello " + attack),
                Message.assistant(null, "thinking " + attack, List.of(call)), Message.tool(ToolResult.ok(call, "result " + attack)),
                Message.assistant("done " + attack));
        List<ExportRecord> records = new ArrayList<>(Fixtures.run(4, 1));
        records.add(ExportRecord.rejected(Fixtures.trajectory("retail-task-x", 0, messages), null, attack, "scripted/judge", List.of("bad_<i>reason</i>")));
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, false), records);
        String page = Files.readString(out.resolve(HtmlReport.FILE_NAME));

        assertFalse(page.contains("<script>alert"), "no script from a trajectory");
        assertFalse(page.contains("<img"), "no element from a trajectory");
        assertFalse(page.contains("<b>order") || page.contains("<i>reason"), "no markup from a tool name or a reason");
        assertTrue(page.contains("hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the user's text is shown, escaped");
        assertTrue(page.contains("bad_&lt;i&gt;reason&lt;/i&gt;"), "the reject reason is shown, escaped");
        assertEquals(3, count(page, "<script"), "only the page's own three script elements");
    }

    @Test
    void should_render_the_same_page_for_the_same_records_in_any_order() throws IOException {
        List<ExportRecord> records = Fixtures.run(20, 3);
        List<ExportRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(7));
        byte[] manifest = Files.readAllBytes(exportManifest(records));

        assertArrayEquals(page(records, manifest, 10), page(records, manifest, 10), "the same records, the same bytes");
        assertArrayEquals(page(records, manifest, 10), page(shuffled, manifest, 10), "the sample and the figures do not depend on order");
    }

    @Test
    void should_sample_rejected_and_accepted_trajectories_about_half_each() throws IOException {
        String page = new String(page(Fixtures.run(20, 3), Files.readAllBytes(exportManifest(Fixtures.run(20, 3))), 10), StandardCharsets.UTF_8);

        assertEquals(5, count(page, "<li class=\"trajectory rejected\""));
        assertEquals(5, count(page, "<li class=\"trajectory accepted\""));
        assertEquals(0, count(new String(page(Fixtures.run(20, 3), Files.readAllBytes(exportManifest(Fixtures.run(20, 3))), 0),
                StandardCharsets.UTF_8), "<li class=\"trajectory"), "a sample of 0 shows none");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void should_make_the_report_again_from_a_stored_export_of_any_format_saying_what_the_shards_cannot_tell(ExportFormat format) throws IOException {
        Path out = dir.resolve(format.wireName());
        Fixtures.export(Fixtures.settings(out, false).withFormat(format), Fixtures.runWithPairs());
        Path again = dir.resolve("again.html");
        StoredReport.Written written = StoredReport.write(out.toString(), again.toString(), 8, Fixtures.conf());
        String page = Files.readString(again);
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());

        assertEquals(Files.size(again), written.bytes());
        assertEquals(manifest.get("accepted").asText(), metrics(page).get("accepted"));
        assertTrue(page.contains("without --keep-rejected") || !format.rowsAreEpisodes(), "says the rejected episodes are missing");
        if (format.rowsAreEpisodes()) {
            assertEquals(manifest.get("accepted").asLong(), written.rows());
            assertEquals(Math.min(8, written.rows()), count(page, "<li class=\"trajectory accepted\""));
        } else {
            assertTrue(page.contains("preference pairs rather than episodes"), "a dpo export has no episodes to show");
        }
        if (format == ExportFormat.OPENAI_JSONL || format == ExportFormat.SHAREGPT) assertTrue(page.contains("hold the messages alone"));
    }

    @Test
    void should_refuse_a_directory_that_is_not_a_committed_export_naming_what_is_missing() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        FileNotFoundException none = assertThrows(FileNotFoundException.class, () -> StoredReport.write(empty.toString(), null, 5, Fixtures.conf()));
        assertTrue(none.getMessage().contains("has no manifest.json: it is not a trajforge export"), none.getMessage());

        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, false), Fixtures.run(4, 1));
        Files.delete(out.resolve("_SUCCESS"));
        IOException uncommitted = assertThrows(IOException.class, () -> StoredReport.write(out.toString(), null, 5, Fixtures.conf()));
        assertTrue(uncommitted.getMessage().contains("has no _SUCCESS"), uncommitted.getMessage());
    }

    private Path exportManifest(List<ExportRecord> records) {
        Path out = dir.resolve("manifest-of-" + records.size() + "-" + System.identityHashCode(records));
        Fixtures.export(Fixtures.settings(out, false), records);
        return out.resolve("manifest.json");
    }

    private static byte[] page(List<ExportRecord> records, byte[] manifest, int sample) {
        HtmlReport report = new HtmlReport(sample);
        records.forEach(report::add);
        return report.render(manifest);
    }

    private static Map<String, String> metrics(String page) {
        Map<String, String> shown = new HashMap<>();
        Matcher m = METRIC.matcher(page);
        while (m.find()) shown.put(m.group(1), m.group(2));
        return shown;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
