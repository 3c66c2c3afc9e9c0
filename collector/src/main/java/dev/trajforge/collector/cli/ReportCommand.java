package dev.trajforge.collector.cli;

import dev.trajforge.exporter.report.HtmlReport;
import dev.trajforge.exporter.report.StoredReport;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trajforge report DIR [--out FILE] [--sample N]}: write the HTML report of an export again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the HTML report of a committed export again (plots of the run, a viewer of its trajectories).",
                "One file that loads nothing from the network. Every export writes report.html beside manifest.json; this makes it",
                "again from manifest.json and the shards (any format), e.g. with another --sample, or for an export from before reports.",
                "What the shards cannot tell (rejected episodes an export did not keep, when episodes finished) the page says is missing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:DIR is not a committed export (no such directory, no manifest.json, no _SUCCESS), a shard cannot be read, or --sample is out of range",
                "5:the report cannot be written"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The export directory: a local path or a Hadoop URI (file://, hdfs://, s3a://).")
    String dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (a local path or a Hadoop URI); default: DIR/report.html.")
    String out;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "" + HtmlReport.DEFAULT_SAMPLE,
            description = "Trajectories the viewer shows, about half rejected and half accepted, chosen by hashing their ids (default: ${DEFAULT-VALUE}, at most "
                    + HtmlReport.MAX_SAMPLE + ").")
    int sample;

    @Override
    public Integer call() {
        try {
            HtmlReport.requireSample(sample);
        } catch (IllegalArgumentException e) {
            System.err.println("trajforge: --" + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        StoredReport.Written written;
        try {
            written = StoredReport.write(dir, out, sample, new Configuration());
        } catch (StoredReport.WriteFailed e) {
            System.err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_CANNOT_WRITE;
        } catch (IOException e) {
            System.err.println("trajforge: cannot report on " + dir + ": " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        System.out.printf(Locale.ROOT, "report: %s (%.1f KiB, %d rows read)%n", "file".equals(written.file().getScheme())
                ? java.nio.file.Path.of(written.file()).toString() : written.file().toString(), written.bytes() / 1024.0, written.rows());
        return TrajforgeCli.EXIT_OK;
    }
}
