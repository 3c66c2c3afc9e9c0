package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.provider.ModelCallException;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.synth.LoadedSynthConfig;
import dev.trajforge.collector.synth.Synthesis;
import dev.trajforge.collector.synth.SynthesisRefusedException;
import dev.trajforge.collector.synth.SynthesisReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code trajforge synthesize CONFIG}: domain packs made by an LLM, category by category (see docs/synthesis.md).
 * Exits 0 when every stage item is finished, 4 when the budget stopped it (run it again to go on), 2 on a bad config
 * or an output of another config, 3 when the model could not be called (finished items are journaled; run it again).
 */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
        description = {"Synthesize domain packs with an LLM: categories -> application domains -> tools with schemas and simulation hints"
                + " -> entity schemas and seed entities -> tasks with gold plans, facts and rubrics; near-duplicate domains and tools removed;"
                + " every pack checked with the domain contract (packs/<name>, or rejected/<name> with reasons.json).",
                "Every finished stage item is journaled: run the same command again to resume without repeating a model call."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every stage item finished (see summary.json for accepted and rejected packs)",
                "2:bad config, or the output belongs to another config", "3:the model could not be called; finished items are journaled, rerun to resume",
                "4:stopped by the budget; rerun (with a larger budget) to resume"})
final class SynthesizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Synthesis config (YAML), e.g. examples/synthesize.yaml")
    Path configFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder; overrides 'output' (which is relative to the working directory).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines; the final line only.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            LoadedSynthConfig loaded = LoadedSynthConfig.load(configFile);
            if (out != null) loaded = loaded.withOutput(out);
            var model = Providers.fromEnvironment().build("synthesizer", loaded.config().model(), loaded.config().seed());
            PrintStream progress = quiet ? new PrintStream(OutputStream.nullOutputStream()) : err;
            SynthesisReport report = new Synthesis(loaded, model, loaded.config().model().label(), progress).run();
            System.out.println(report.line());
            return report.finished() ? TrajforgeCli.EXIT_OK : TrajforgeCli.EXIT_BUDGET;
        } catch (ConfigException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        } catch (SynthesisRefusedException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        } catch (ModelCallException e) {
            err.println("trajforge: synthesize stopped: " + e.getMessage() + "; finished stage items are journaled, run the same command again to resume");
            return TrajforgeCli.EXIT_ABORTED;
        }
    }
}
