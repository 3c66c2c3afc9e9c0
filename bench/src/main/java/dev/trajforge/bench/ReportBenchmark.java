package dev.trajforge.bench;

import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.ProgressListener;
import dev.trajforge.collector.run.RunReport;
import dev.trajforge.exporter.report.HtmlReport;
import dev.trajforge.exporter.report.StoredReport;
import org.apache.hadoop.conf.Configuration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The report of a large run: one offline {@link CollectionRun} of {@code tasks x trials} episodes (100,000 by default) writes
 * its dataset and {@code report.html}; the figures are the report's size, the time {@code trajforge report} takes to make it
 * again from the shards, and the time the page takes to open in headless Chromium (Debian's, through its chromedriver), measured
 * in the browser with the Performance API: from navigation start to the later of the load event and the first frame painted
 * after the charts were drawn ({@code window.reportPainted}), the median of {@code opens} fresh loads after one warm-up. A
 * screenshot goes beside the results. Where no chromium is installed the open time is skipped, saying why.
 */
final class ReportBenchmark {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ReportBenchmark() {
    }

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        int tasks = options.integer("tasks", 5000);
        int trials = options.integer("trials", 20);
        int opens = options.integer("opens", 5);
        Path screenshot = options.path("screenshot", "bench/target/results/report-100k.png").toAbsolutePath();
        Path tmp = Benchmarks.tempDir("report");
        try {
            LoadedConfig loaded = ConfigLoader.load(config, List.of("tasks=" + tasks, "trials=" + trials)).withOutput(tmp.toString());
            long started = System.nanoTime();
            RunReport report = new CollectionRun(loaded, Clock.systemUTC(), ProgressListener.NONE).execute();
            double runSeconds = (System.nanoTime() - started) / 1e9;
            Path page = tmp.resolve(HtmlReport.FILE_NAME);
            long rewriteStarted = System.nanoTime();
            StoredReport.write(tmp.toString(), tmp.resolve("report-again.html").toString(), HtmlReport.DEFAULT_SAMPLE, new Configuration());
            double rewriteSeconds = (System.nanoTime() - rewriteStarted) / 1e9;
            Benchmarks.Result result = new Benchmarks.Result("report")
                    .put("config", config + " with tasks=" + tasks + ", trials=" + trials)
                    .put("episodes", report.export().episodes())
                    .put("run_seconds", runSeconds)
                    .put("report_bytes", Files.size(page))
                    .put("sample", HtmlReport.DEFAULT_SAMPLE)
                    .put("rewrite_seconds", rewriteSeconds);
            if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                return result.put("open_skipped", "no " + CHROMIUM + " or " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
            }
            return open(page, opens, screenshot, tmp.resolve("chromium-profile"), result);
        } finally {
            Benchmarks.deleteTree(tmp);
        }
    }

    /** Opens {@code page} once to warm up, then {@code opens} times, each a fresh navigation; the median and the spread. */
    private static Benchmarks.Result open(Path page, int opens, Path screenshot, Path profile, Benchmarks.Result result) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile, "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            List<Double> times = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            for (int i = 0; i <= opens; i++) {
                browser.get("about:blank");
                browser.get(page.toUri().toString());
                Map<?, ?> timing = painted(browser);
                if (i == 0) continue; // warm-up: the browser's first start of its renderer
                loads.add(((Number) timing.get("load")).doubleValue());
                times.add(Math.max(((Number) timing.get("load")).doubleValue(), ((Number) timing.get("painted")).doubleValue()));
            }
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            Collections.sort(times);
            Collections.sort(loads);
            return result.put("chromium", browser.getCapabilities().getBrowserVersion())
                    .put("open_ms_median", times.get(times.size() / 2))
                    .put("open_ms_min", times.getFirst())
                    .put("open_ms_max", times.getLast())
                    .put("load_event_ms_median", loads.get(loads.size() / 2))
                    .put("opens", opens)
                    .put("charts_drawn", ((JavascriptExecutor) browser).executeScript("return document.body.dataset.chartsDrawn"))
                    .put("screenshot", screenshot);
        } finally {
            browser.quit();
        }
    }

    /** The navigation's load event end and the page's first frame after its charts, both from navigation start, once both happened. */
    private static Map<?, ?> painted(ChromeDriver browser) throws InterruptedException {
        for (int tries = 0; tries < 600; tries++) {
            Object timing = ((JavascriptExecutor) browser).executeScript(
                    "const n = performance.getEntriesByType('navigation')[0];"
                            + "return n && n.loadEventEnd > 0 && window.reportPainted ? {load: n.loadEventEnd, painted: window.reportPainted} : null;");
            if (timing instanceof Map<?, ?> map) return map;
            Thread.sleep(50);
        }
        throw new IllegalStateException("the report did not finish loading within 30 s");
    }
}
