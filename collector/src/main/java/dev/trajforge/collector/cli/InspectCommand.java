package dev.trajforge.collector.cli;

import dev.trajforge.exporter.validate.DatasetInspector;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code trajforge inspect PATH [--row N]}: schema, rows per split, domains and one trajectory. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show an export directory or one Parquet shard: schema, rows, one trajectory.",
                "Shows the schema, rows per split and per file, domains, and one trajectory rendered as a conversation",
                "(tool calls with arguments, tool results abbreviated)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:the path cannot be read, or --row is out of range"})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "An export directory or a .parquet file: a local path or a Hadoop URI.")
    String path;

    @Option(names = "--row", paramLabel = "N", defaultValue = "0",
            description = "The trajectory to show, 0-based; over train, validation, rejected files in order for a directory (default: ${DEFAULT-VALUE}).")
    long row;

    @Override
    public Integer call() {
        try {
            DatasetInspector.inspect(path, new Configuration(), row, System.out);
            return TrajforgeCli.EXIT_OK;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("trajforge: cannot inspect " + path + ": " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
    }
}
