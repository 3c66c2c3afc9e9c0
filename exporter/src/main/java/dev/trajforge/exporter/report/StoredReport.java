package dev.trajforge.exporter.report;

import dev.trajforge.exporter.validate.StoredExport;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code trajforge report DIR}: the report of an export already committed, made again from its {@code manifest.json} and
 * its shards (read with the validator's readers, any format). What the shards cannot tell is said on the page rather than
 * made up: rejected episodes exist there only when the export kept them; the JSON formats hold messages but no domain,
 * persona, verdict or token counts; stored messages do not say which tool call failed; dpo rows are pairs, not episodes.
 */
public final class StoredReport {
    /** The export was read, but the report could not be written where it was to go. */
    public static final class WriteFailed extends IOException {
        WriteFailed(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Where the report went, its size, and how many rows it was made of. */
    public record Written(URI file, long bytes, long rows) {
    }

    private StoredReport() {
    }

    /**
     * Reads the committed export at {@code location} and writes its report to {@code target} (a local path or Hadoop URI),
     * or to {@code report.html} in the export when {@code target} is null.
     */
    public static Written write(String location, String target, int sampleSize, Configuration conf) throws IOException {
        StoredExport export = StoredExport.open(location, conf);
        HtmlReport report = new HtmlReport(sampleSize);
        long[] rows = {0};
        boolean[] rejected = {false};
        export.rows(row -> {
            report.add(RowEpisodes.columns(row.columns(), row.file(), row.index()), row.split());
            rows[0]++;
            if (row.split().equals("rejected")) rejected[0] = true;
        });
        report.note("Made again from the stored export by `trajforge report`: the per-episode figures and the viewer come from the "
                + rows[0] + " rows of its shards, the rest from manifest.json.");
        if (!export.rowsAreEpisodes()) {
            report.note("This export holds " + export.format() + " rows, preference pairs rather than episodes: there are no per-episode"
                    + " figures and no trajectories to show (the report written with the export had them).");
        } else {
            if (!rejected[0]) {
                report.note("The shards hold no rejected episodes (the export was written without --keep-rejected): the figures count"
                        + " accepted episodes only and the viewer shows no rejected trajectory (the report written with the export had them).");
            }
            if (!export.format().equals("hf-parquet")) {
                report.note("The " + export.format() + " files hold the messages alone: domains, personas, reject reasons, reward checks,"
                        + " judge scores, faults and token counts are not in them.");
            }
            report.note("Stored messages do not say which tool call answered with an error: tool errors are counted per episode"
                    + " (num_tool_errors), not per tool.");
        }
        byte[] page = report.render(export.manifest().getBytes(StandardCharsets.UTF_8));
        URI written;
        try {
            written = export.write(target, HtmlReport.FILE_NAME, page);
        } catch (IOException e) {
            throw new WriteFailed("cannot write the report to " + (target == null ? export.uri() + "/" + HtmlReport.FILE_NAME : target)
                    + ": " + e.getMessage(), e);
        }
        return new Written(written, page.length, rows[0]);
    }
}
