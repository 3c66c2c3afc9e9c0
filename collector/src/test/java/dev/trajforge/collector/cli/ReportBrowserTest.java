package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quickstart's {@code report.html} opened from disk in headless Chromium (Debian's {@code chromium}, driven through its
 * {@code chromedriver}; nothing is downloaded): it shows the manifest's acceptance numbers, draws its charts, opens a
 * trajectory in the viewer and filters the viewer by a reject reason, without a single network request. The page's
 * screenshot goes to {@code target/report-browser/quickstart-report.png}. Skipped, saying why, only where no chromium is
 * installed ({@code .ci/run} installs it where it can).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserTest {
    static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "report-browser", "quickstart-report.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static JsonNode manifest;
    static ChromeDriver browser;
    static String report;

    @BeforeAll
    static void openTheQuickstartsReport() throws Exception {
        Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "no chromium binary at " + CHROMIUM + ": install Debian's chromium and chromium-driver (.ci/run does where it can)");
        assertTrue(Files.isExecutable(CHROMEDRIVER), chromium + " is installed but " + CHROMEDRIVER + " is not: apt-get install chromium-driver");
        Path out = tmp.resolve("quickstart");
        CliRun run = CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        browser = headless(chromium, tmp.resolve("chromium-profile"));
        browser.get("about:blank");
        browser.manage().logs().get(LogType.PERFORMANCE); // drained: what the browser's own start-up page loaded is not the report's
        report = out.resolve("report.html").toUri().toString();
        browser.get(report);
    }

    /** Headless Chromium as the project runs it: no background networking, a fresh profile, the performance log on. */
    static ChromeDriver headless(Path chromium, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile, "--window-size=1280,2400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver's path given: Selenium Manager never runs, nothing is downloaded
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) browser.quit();
    }

    @Test
    @Order(1)
    void should_show_the_acceptance_numbers_of_the_manifest() {
        Map<String, String> shown = new HashMap<>();
        for (WebElement cell : browser.findElements(By.cssSelector("#acceptance-numbers [data-metric]"))) {
            shown.put(cell.getAttribute("data-metric"), cell.getText());
        }
        assertEquals(manifest.get("episodes").asText(), shown.get("episodes"));
        assertEquals(manifest.get("accepted").asText(), shown.get("accepted"));
        assertEquals(manifest.get("infra_failed").asText(), shown.get("infra_failed"));
        long rejected = 0;
        for (var reason : manifest.get("rejected").properties()) {
            assertEquals(reason.getValue().asText(), shown.get("rejected." + reason.getKey()), "rejected." + reason.getKey());
            rejected += reason.getValue().asLong();
        }
        assertEquals(Long.toString(rejected), shown.get("rejected"));
        manifest.get("splits").properties().forEach(split -> assertEquals(split.getValue().asText(), shown.get("splits." + split.getKey())));
        assertEquals(manifest.get("run_id").asText(), browser.findElement(By.id("run-id")).getText());
    }

    @Test
    @Order(2)
    void should_draw_every_chart_on_a_canvas_of_nonzero_size_with_painted_pixels() {
        List<WebElement> canvases = browser.findElements(By.cssSelector("canvas[data-chart]"));
        assertTrue(canvases.size() >= 8, "charts on the page: " + canvases.size());
        assertEquals(Integer.toString(canvases.size()), browser.findElement(By.tagName("body")).getAttribute("data-charts-drawn"));
        for (WebElement canvas : canvases) {
            String chart = canvas.getAttribute("data-chart");
            assertTrue(canvas.getSize().getWidth() > 0 && canvas.getSize().getHeight() > 0, chart + " has no size");
            Object painted = ((JavascriptExecutor) browser).executeScript(
                    "const c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n;", canvas);
            assertTrue(((Number) painted).longValue() > 0, chart + " painted nothing");
        }
    }

    @Test
    @Order(3)
    void should_open_a_trajectory_in_the_viewer_with_its_verdict_first_and_its_chat() {
        WebElement first = browser.findElement(By.cssSelector("li.trajectory"));
        WebElement details = first.findElement(By.tagName("details"));
        assertFalse(details.getDomAttribute("open") != null, "closed before the click");
        first.findElement(By.tagName("summary")).click();
        assertTrue(details.getDomAttribute("open") != null, "open after the click");
        assertTrue(first.findElement(By.cssSelector(".verdict")).isDisplayed());
        List<WebElement> messages = first.findElements(By.cssSelector(".chat .msg"));
        assertTrue(messages.size() > 2, "messages shown: " + messages.size());
        assertTrue(messages.stream().anyMatch(m -> m.getAttribute("class").contains("user") && m.isDisplayed()), "a user message is shown");
        WebElement system = first.findElement(By.cssSelector(".chat details.system"));
        assertTrue(system.getDomAttribute("open") == null, "the system prompt is folded");
    }

    @Test
    @Order(4)
    void should_filter_the_viewer_by_a_reject_reason_leaving_only_trajectories_with_that_reason() {
        Select reasons = new Select(browser.findElement(By.cssSelector("select[data-filter=reason]")));
        String reason = reasons.getOptions().get(1).getDomAttribute("value");
        reasons.selectByValue(reason);
        List<WebElement> items = browser.findElements(By.cssSelector("li.trajectory"));
        int shown = 0;
        for (WebElement item : items) {
            List<String> itsReasons = item.findElements(By.cssSelector(".verdict .reason")).stream().map(e -> e.getAttribute("textContent")).toList();
            assertEquals(itsReasons.contains(reason), item.isDisplayed(), item.getAttribute("data-id") + " with reasons " + itsReasons);
            if (item.isDisplayed()) shown++;
        }
        assertTrue(shown > 0 && shown < items.size(), shown + " of " + items.size() + " shown for " + reason);
        reasons.selectByValue("");
    }

    @Test
    @Order(5)
    void should_have_made_no_network_request_and_save_a_screenshot() throws Exception {
        List<String> network = new ArrayList<>();
        List<String> byTheReport = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (!message.path("method").asText().equals("Network.requestWillBeSent")) continue;
            String url = message.at("/params/request/url").asText();
            if (url.matches("(?i)(https?|wss?|ftp):.*")) network.add(url);
            if (message.at("/params/documentURL").asText().equals(report)) byTheReport.add(url);
        }
        assertEquals(List.of(), network, "requests to the network");
        assertTrue(byTheReport.contains(report), "the report's own load is in the log: " + byTheReport);
        assertEquals(List.of(), byTheReport.stream().filter(url -> !url.startsWith("file:") && !url.startsWith("data:")).toList(),
                "the report loaded something other than itself and data: URLs");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('viewer').scrollIntoView()");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(SCREENSHOT) > 10_000);
    }
}
