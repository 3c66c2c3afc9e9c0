package dev.trajforge.collector.cli;

import dev.trajforge.exporter.validate.DatasetValidator;
import dev.trajforge.exporter.validate.Violation;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code trajforge validate DIR}: check an export against every rule of dataset-contract.md. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check an export directory against every rule of the dataset contract.",
                "Rules: _SUCCESS, manifest keys, counts and SHA-256, file names, schema, footer metadata, ZSTD, message",
                "structure and tool-call pairing, tools/arguments JSON, split leaks, rewards. Prints each violation as",
                "file:row: rule: message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every rule passes", "1:at least one violation", "2:the directory cannot be read"})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The export directory: a local path or a Hadoop URI (file://, hdfs://, s3a://).")
    String dir;

    @Override
    public Integer call() {
        return validate(dir, System.out, System.err);
    }

    static int validate(String dir, PrintStream out, PrintStream err) {
        DatasetValidator.Report report;
        try {
            report = DatasetValidator.check(dir, new Configuration());
        } catch (IOException e) {
            err.println("trajforge: cannot validate " + dir + ": " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
        if (report.ok()) {
            out.println("OK: " + report.files() + " file" + (report.files() == 1 ? "" : "s") + ", " + report.rows()
                    + " rows, all rules pass");
            return TrajforgeCli.EXIT_OK;
        }
        for (Violation v : report.violations()) {
            out.println(v.render());
        }
        out.println("FAILED: " + report.violations().size() + " violation" + (report.violations().size() == 1 ? "" : "s")
                + " of " + report.brokenRules().size() + " rule" + (report.brokenRules().size() == 1 ? "" : "s") + " ("
                + String.join(", ", report.brokenRules()) + ") in " + report.files() + " files, " + report.rows() + " rows");
        return TrajforgeCli.EXIT_FAILURE;
    }
}
