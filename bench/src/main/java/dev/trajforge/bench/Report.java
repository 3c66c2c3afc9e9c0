package dev.trajforge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.trajforge.bench.Benchmarks.fmt;

/** Renders the scenario results of one bench/run as {@code bench/results.md} (and prints it). */
final class Report {
    /** Without dedup, the 100k run's live heap may exceed the 10k run's by this factor and still count as flat. */
    private static final double FLAT = 1.25;

    private Report() {
    }

    /** The offline scenario's figures for one domain's config (nothing when it did not run). */
    private static void offline(Benchmarks.Result offline, String domain, List<String> summary, StringBuilder details, List<String> jvms,
                                List<Double> others) {
        if (offline == null) return;
            double rate = offline.number("episodes_per_s");
            summary.add(row("Offline end-to-end throughput, " + domain, ">= 500 episodes/s on 2 cores",
                    "**" + fmt(rate, 0) + " episodes/s** (" + fmt(offline.number("episodes_per_s_excluding_world"), 0) + " without the world build)", rate >= 500));
            if (offline.has("parquet_percent_of_run")) {
                double share = offline.number("parquet_percent_of_run");
                summary.add(row("Parquet export's share of an offline run, " + domain, "< 5% of the run's wall time",
                        "**" + fmt(share, 1) + "%** (" + fmt(offline.number("parquet_seconds"), 2) + " s of " + fmt(offline.number("seconds"), 2) + " s)", share < 5));
            }
            details.append("## Offline throughput, ").append(domain).append("\n\n")
                    .append("`CollectionRun` on ").append(offline.get("config")).append(" (scripted agent and user, deterministic judge, journal, Parquet): ")
                    .append(fmt(offline.number("episodes"), 0)).append(" episodes per run, ").append(offline.get("accepted")).append(" accepted. ")
                    .append("One warm-up run, then the median of ").append(offline.get("runs")).append(" runs in the same JVM.\n\n")
                    .append("- ").append(fmt(rate, 0)).append(" episodes/s with the world build (per run: ").append(offline.get("episodes_per_s_per_run")).append(")\n")
                    .append("- ").append(fmt(offline.number("episodes_per_s_excluding_world"), 0)).append(" episodes/s without it (world and tasks built in ")
                    .append(fmt(offline.number("world_build_seconds"), 2)).append(" s)\n")
                    .append("- ").append(fmt(offline.number("cpu_ms_per_episode"), 2)).append(" CPU-ms per episode (all threads)\n");
            if (offline.has("export_seconds")) {
                details.append("- export phase (the dataset written again from the run's journal after each run, timed alone): ")
                        .append(fmt(offline.number("export_seconds"), 3)).append(" s = ").append(fmt(offline.number("export_percent_of_run"), 1))
                        .append("% of a run's wall time; its Parquet writing (the run's records through `DatasetExport`, no dedup, timed alone): ")
                        .append(fmt(offline.number("parquet_seconds"), 3)).append(" s = ").append(fmt(offline.number("parquet_percent_of_run"), 1))
                        .append("%\n");
            }
            details.append("\n");
            jvms.add("offline " + domain + ": " + offline.get("jvm"));
            others.add(offline.number("others_cpu_percent"));
            }

    static void write(Path dir, Path out) throws IOException {
        Benchmarks.Result offline = read(dir, "offline");
        Benchmarks.Result latency = read(dir, "latency");
        Benchmarks.Result small = read(dir, "memory-10k");
        Benchmarks.Result large = read(dir, "memory-100k");
        List<String> summary = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        List<String> jvms = new ArrayList<>();
        List<Double> others = new ArrayList<>();

        offline(offline, "retail", summary, details, jvms, others);
        offline(read(dir, "offline-airline"), "airline", summary, details, jvms, others);
        offline(read(dir, "offline-all-domains"), "every domain mixed (all-domains)", summary, details, jvms, others);
        if (latency != null) {
            double efficiency = latency.number("efficiency_percent");
            summary.add(row("Concurrency efficiency", ">= 90% of ideal, " + fmt(latency.number("concurrency"), 0) + " in flight, "
                    + latency.get("latency_ms") + " ms per call", "**" + fmt(efficiency, 1) + "%** of ideal", efficiency >= 90));
            details.append("## Concurrency efficiency\n\n")
                    .append("The scripted agent behind a `ChatModel` wrapper that sleeps ").append(latency.get("latency_ms"))
                    .append(" ms per call; ").append(latency.get("config")).append(", ").append(fmt(latency.number("episodes"), 0)).append(" episodes, ")
                    .append(fmt(latency.number("concurrency"), 0)).append(" in flight. Run by the bench the way `CollectionRun` runs episodes ")
                    .append("(virtual thread per episode under a semaphore, fsynced journal append per episode, export from the journal), ")
                    .append("because a run's agent model cannot be decorated from outside `collector.run`.\n\n")
                    .append("- agent calls per episode (measured): ").append(fmt(latency.number("calls_per_episode"), 2)).append("\n")
                    .append("- ideal = concurrency / (calls per episode x latency) = ").append(fmt(latency.number("ideal_episodes_per_s"), 1)).append(" episodes/s\n")
                    .append("- measured, steady state (after the first 2 x concurrency episodes, before the last concurrency): ")
                    .append(fmt(latency.number("steady_episodes_per_s"), 1)).append(" episodes/s with ").append(fmt(latency.number("mean_in_flight_steady"), 0))
                    .append(" in flight on average = **").append(fmt(efficiency, 1)).append("%**\n")
                    .append("- whole run incl. world build, ramp-up, ramp-down and export: ").append(fmt(latency.number("whole_run_episodes_per_s"), 1))
                    .append(" episodes/s = ").append(fmt(latency.number("whole_run_efficiency_percent"), 1)).append("%\n\n");
            jvms.add("latency: " + latency.get("jvm"));
            others.add(latency.number("others_cpu_percent"));
        }
        Benchmarks.Result smallNoDedup = read(dir, "memory-10k-nodedup");
        Benchmarks.Result largeNoDedup = read(dir, "memory-100k-nodedup");
        List<Benchmarks.Result> memory = new ArrayList<>();
        for (Benchmarks.Result r : new Benchmarks.Result[]{small, large, smallNoDedup, largeNoDedup}) if (r != null) memory.add(r);
        if (!memory.isEmpty()) {
            details.append("## Memory\n\n")
                    .append("`CollectionRun` on the quickstart config over 5,000 tasks, each size in a fresh JVM with `-Xmx512m`. ")
                    .append("**Live heap** is the heap used right after a full GC, the data the run really holds: read at every tenth of the ")
                    .append("episodes, and every 2 s over the whole run including the export (dedup runs there) for the maximum. ")
                    .append("Peak heap used is the sum of the heap pools' peaks, garbage included (it follows how far the collector lets the heap ")
                    .append("fill, not what the run holds). The only state that grows with a run by design is the dedup index of the kept ")
                    .append("episodes (16 B exact hash + about 1 KiB of MinHash-LSH per kept episode) and the journal index (16 B per episode); ")
                    .append("the runs without dedup show the rest is flat.\n\n")
                    .append("| Episodes | Dedup | Kept | Live heap at each tenth of the episodes | Live max, whole run | Peak heap used | GCs | Episodes/s (cold JVM) | Parquet written |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (Benchmarks.Result r : memory) {
                details.append("| ").append(fmt(r.number("episodes"), 0)).append(" | ").append(r.get("dedup")).append(" | ")
                        .append(fmt(r.number("accepted_kept"), 0)).append(" | ").append(r.get("live_heap_checkpoints_mib")).append(" MiB | ")
                        .append(fmt(r.number("live_heap_max_mib"), 0)).append(" MiB | ").append(fmt(r.number("peak_heap_used_mib"), 0)).append(" MiB | ")
                        .append(r.get("gc_count")).append(" | ").append(fmt(r.number("episodes_per_s"), 0)).append(" | ")
                        .append(fmt(r.number("output_bytes") / 1048576.0, 1)).append(" MiB |\n");
                jvms.add("memory " + fmt(r.number("episodes"), 0) + (Boolean.parseBoolean(r.get("dedup")) ? "" : " without dedup") + ": " + r.get("jvm"));
                others.add(r.number("others_cpu_percent"));
            }
            details.append('\n');
            if (small != null && large != null) {
                double growth = (large.number("live_heap_max_mib") - small.number("live_heap_max_mib")) * 1048576.0
                        / Math.max(1, large.number("accepted_kept") - small.number("accepted_kept"));
                details.append("From 10k to 100k episodes the live heap grows by ").append(fmt(growth, 0))
                        .append(" bytes per additional kept episode (the dedup index).\n\n");
                boolean under = Math.max(small.number("peak_heap_used_mib"), large.number("peak_heap_used_mib")) < 512;
                String flatWithoutDedup = "";
                boolean flat = true;
                if (smallNoDedup != null && largeNoDedup != null) {
                    flat = largeNoDedup.number("live_heap_max_mib") <= FLAT * smallNoDedup.number("live_heap_max_mib");
                    flatWithoutDedup = "; without dedup " + fmt(smallNoDedup.number("live_heap_max_mib"), 0) + " / "
                            + fmt(largeNoDedup.number("live_heap_max_mib"), 0) + " MiB live";
                }
                summary.add(row("Heap, 10k vs 100k episodes", "flat and < 512 MiB",
                        "**" + fmt(small.number("live_heap_max_mib"), 0) + " / " + fmt(large.number("live_heap_max_mib"), 0) + " MiB live** ("
                                + fmt(small.number("peak_heap_used_mib"), 0) + " / " + fmt(large.number("peak_heap_used_mib"), 0) + " MiB peak used"
                                + flatWithoutDedup + ")", flat && under));
            }
        }

        export(read(dir, "export"), summary, details, jvms, others);
        ingest(read(dir, "ingest"), summary, details, jvms, others);
        ingest(read(dir, "ingest-support"), summary, details, jvms, others);
        http(dir, summary, details, jvms);
        htmlReport(read(dir, "report"), summary, details, jvms);

        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Written by `bench/run` on ").append(LocalDate.now(ZoneOffset.UTC)).append(": ").append(machine()).append(". ")
                .append("Each scenario ran in a fresh JVM (flags at the end). Benchmarks, not tests: `mvn verify` does not run them.");
        double busiest = others.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        if (!Double.isNaN(busiest)) {
            md.append(" Other processes used up to ").append(fmt(busiest, 0)).append("% of the cores while a scenario was measured.");
        }
        md.append("\n\n| Benchmark | Target | Result | Met |\n|---|---|---|---|\n");
        summary.forEach(row -> md.append(row).append('\n'));
        md.append('\n').append(details).append("JVMs:\n\n");
        jvms.forEach(jvm -> md.append("- ").append(jvm).append('\n'));
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    /** report.html of a large run: its size and the time it takes to open in headless Chromium (ReportBenchmark). */
    private static void htmlReport(Benchmarks.Result r, List<String> summary, StringBuilder details, List<String> jvms) {
        if (r == null) return;
        double mb = r.number("report_bytes") / 1e6;
        boolean opened = !r.has("open_skipped");
        double seconds = opened ? r.number("open_ms_median") / 1000 : Double.NaN;
        summary.add(row("report.html of a " + fmt(r.number("episodes"), 0) + "-episode run", "< 5 MB, opens in < 2 s in headless Chromium",
                "**" + fmt(mb, 2) + " MB" + (opened ? ", opens in " + fmt(seconds, 2) + " s**" : "**, not opened: " + r.get("open_skipped")),
                mb < 5 && opened && seconds < 2));
        details.append("## report.html\n\n")
                .append("One offline run, ").append(r.get("config")).append(" (").append(fmt(r.number("run_seconds"), 1)).append(" s), writes its dataset and ")
                .append("`report.html` (").append(r.get("sample")).append(" trajectories in the viewer): **").append(fmt(r.number("report_bytes"), 0))
                .append(" bytes**. `trajforge report` makes it again from the shards in ").append(fmt(r.number("rewrite_seconds"), 2)).append(" s.\n");
        if (opened) {
            details.append("Opened from disk in headless Chromium ").append(r.get("chromium")).append(" (Debian's, through chromedriver), ")
                    .append(r.get("opens")).append(" fresh loads after a warm-up, timed in the browser with the Performance API from navigation start to ")
                    .append("the later of the load event and the first frame painted after the ").append(r.get("charts_drawn")).append(" charts were drawn: ")
                    .append("median **").append(fmt(r.number("open_ms_median"), 0)).append(" ms** (").append(fmt(r.number("open_ms_min"), 0)).append("–")
                    .append(fmt(r.number("open_ms_max"), 0)).append(" ms; load event alone ").append(fmt(r.number("load_event_ms_median"), 0))
                    .append(" ms). Screenshot: `").append(r.get("screenshot")).append("`.\n\n");
        } else {
            details.append("Not opened in a browser: ").append(r.get("open_skipped")).append(".\n\n");
        }
        jvms.add("report: " + r.get("jvm"));
    }

    /** The exporter's write throughput against pyarrow on the same rows (ExportBenchmark). */
    private static void export(Benchmarks.Result export, List<String> summary, StringBuilder details, List<String> jvms, List<Double> others) {
        if (export == null) return;
        double rows = export.number("rows");
        double input = export.number("input_bytes");
        boolean compared = !export.values.containsKey("pyarrow_skipped");
        String ours = fmt(export.number("rows_per_s"), 0) + " rows/s, " + fmt(export.number("input_mb_per_s"), 1) + " MB/s in";
        if (compared) {
            double ratio = export.number("ratio");
            summary.add("| Exporter write throughput | none: compared with pyarrow (same rows, ZSTD level 3); the target is the export's share of a run |"
                    + " **" + fmt(ratio, 2) + "x** pyarrow (" + ours + "; pyarrow " + fmt(export.number("pyarrow_rows_per_s"), 0) + " rows/s) | - |");
        } else {
            summary.add("| Exporter write throughput | none: compared with pyarrow (same rows, ZSTD level 3); the target is the export's share of a run | " + ours
                    + "; pyarrow not measured: " + export.get("pyarrow_skipped") + " | - |");
        }
        details.append("## Exporter write throughput\n\n")
                .append(fmt(export.number("episodes"), 0)).append(" episodes of ").append(export.get("config"))
                .append(", collected once with `CollectionRun` (").append(fmt(export.number("collect_seconds"), 1))
                .append(" s, not timed). **trajforge**: before each export the records are read afresh from the run's journal and the heap ")
                .append("collected (not timed), as a run's export reads them; then written through `DatasetExport` ")
                .append("as hf-parquet, as a run exports them, by parquet-java's `ParquetWriter`: ZSTD level 3 (direct codec factory), 64 MiB row groups ")
                .append("(at most 100,000 rows), 1 MiB dictionaries (then plain), bloom filter on `id`, page checksums, column indexes and size statistics, accepted and rejected rows in their splits, from `open` through `commit` (shards closed, ")
                .append("footers re-read and checked, published, manifest and dataset card, `_SUCCESS`); ").append(export.get("warmups"))
                .append(" warm-ups, then the median of ").append(export.get("runs")).append(" runs. ");
        if (compared) {
            details.append("**pyarrow ").append(export.get("pyarrow_version")).append("**: the shards we wrote, read into Arrow tables (not timed), ")
                    .append("each written again by `pyarrow.parquet.write_table(compression='zstd', compression_level=3)` with the same rows per row group (")
                    .append(export.get("pyarrow_row_group_rows")).append(") and pyarrow's other defaults (no bloom filter, page checksums or page index); ")
                    .append(export.get("warmups")).append(" warm-ups, then the median of ").append(export.get("runs"))
                    .append(" runs (`bench/src/main/python/pyarrow_write.py`).\n\n");
        } else {
            details.append("pyarrow was not measured: ").append(export.get("pyarrow_skipped")).append(".\n\n");
        }
        details.append("Input: ").append(fmt(rows, 0)).append(" rows in ").append(export.get("files")).append(" files, ")
                .append(fmt(input / 1e6, 1)).append(" MB of raw values (UTF-8 bytes of every string, 4 or 8 bytes per number; the same figure for both writers)");
        if (compared) details.append(", ").append(fmt(export.number("pyarrow_arrow_bytes") / 1e6, 1)).append(" MB as Arrow tables in memory");
        details.append(". MB = 10^6 bytes.\n\n")
                .append("| Writer | Rows/s | Input MB/s | Output MB/s | Output | Seconds, median (per run) |\n|---|---|---|---|---|---|\n")
                .append("| trajforge `DatasetExport` | ").append(fmt(export.number("rows_per_s"), 0)).append(" | ").append(fmt(export.number("input_mb_per_s"), 1))
                .append(" | ").append(fmt(export.number("output_mb_per_s"), 1)).append(" | ").append(fmt(export.number("output_bytes") / 1e6, 1)).append(" MB | ")
                .append(fmt(export.number("seconds"), 2)).append(" (").append(export.get("seconds_per_run")).append(") |\n");
        if (compared) {
            details.append("| pyarrow `write_table` | ").append(fmt(export.number("pyarrow_rows_per_s"), 0)).append(" | ")
                    .append(fmt(export.number("pyarrow_input_mb_per_s"), 1)).append(" | ").append(fmt(export.number("pyarrow_output_mb_per_s"), 1)).append(" | ")
                    .append(fmt(export.number("pyarrow_output_bytes") / 1e6, 1)).append(" MB | ").append(fmt(export.number("pyarrow_seconds"), 2))
                    .append(" (").append(export.get("pyarrow_seconds_per_run")).append(") |\n");
        }
        details.append('\n').append("- trajforge: `open` and the `write` calls ").append(fmt(export.number("write_seconds"), 2)).append(" s, `commit` ")
                .append(fmt(export.number("commit_seconds"), 2)).append(" s (medians); ").append(fmt(export.number("cpu_seconds"), 2))
                .append(" CPU-s per run, all threads (").append(fmt(export.number("thread_cpu_seconds"), 2)).append(" on the calling thread; each split's shards are written by parquet-java on a thread of their own, GC and JIT threads count too)\n");
        if (compared) {
            details.append("- pyarrow: ").append(fmt(export.number("pyarrow_cpu_seconds"), 2)).append(" CPU-s per run, all threads\n")
                    .append("- ratio trajforge / pyarrow, rows/s: **").append(fmt(export.number("ratio"), 2)).append("x**; by CPU time (less sensitive to ")
                    .append("other load on the machine): ").append(fmt(export.number("cpu_ratio"), 2)).append("x\n");
        }
        details.append('\n');
        jvms.add("export: " + export.get("jvm"));
        others.add(export.number("others_cpu_percent"));
    }

    /** Ingest + anonymize throughput, no judge (IngestBenchmark); the target is the whole command's, on 2 cores. */
    private static void ingest(Benchmarks.Result ingest, List<String> summary, StringBuilder details, List<String> jvms, List<Double> others) {
        if (ingest == null) return;
        double command = ingest.number("mb_per_s_command");
        double parallel = ingest.number("mb_per_s_parallel");
        double single = ingest.number("mb_per_s_single");
        String corpus = String.valueOf(ingest.get("corpus"));
        summary.add(row("Ingest + anonymize, no judge (" + corpus + " corpus)", ">= 20 MB/s of session JSON on 2 cores",
                "**" + fmt(command, 1) + " MB/s** for the whole command (" + fmt(parallel, 1) + " MB/s read + parse + anonymize on "
                        + ingest.get("threads") + " threads, " + fmt(single, 1) + " on 1)", command >= 20));
        details.append("## Ingest + anonymize (").append(corpus).append(" corpus)\n\n")
                .append(fmt(ingest.number("bytes") / 1e6, 1)).append(" MB of ").append(ingest.get("format")).append(" JSONL in ")
                .append(ingest.get("files")).append(" files: ").append(fmt(ingest.number("sessions"), 0))
                .append(corpus.equals("support") ? " sessions exported from an offline retail run (`IngestCorpus.support`)"
                        : " generated sessions packed with personal values (`IngestCorpus.write`)")
                .append(", written first, not timed; ")
                .append(fmt(ingest.number("replaced_per_session"), 1)).append(" values replaced per session. The command pass is `SessionIngest.run` ")
                .append("as `trajforge ingest` runs it without a judge (reading and parsing on one thread, anonymizing and checking on its window ")
                .append("of virtual threads, the Parquet export with dedup and the commit); the other passes read and parse each file through ")
                .append("`SessionFormats` and anonymize every session (`Anonymizer`), writing nothing, one file per thread. One warm-up pass, ")
                .append("then the median of ").append(ingest.get("runs")).append(" passes. MB = 10^6 bytes of session JSON in.\n\n")
                .append("| Pass | MB/s | Seconds per run |\n|---|---|---|\n")
                .append("| the whole command | ").append(fmt(command, 1)).append(" | ").append(ingest.get("seconds_command_per_run")).append(" |\n")
                .append("| read + parse + anonymize, ").append(ingest.get("threads")).append(" threads | ").append(fmt(parallel, 1)).append(" | ")
                .append(ingest.get("seconds_parallel_per_run")).append(" |\n")
                .append("| read + parse + anonymize, 1 thread | ").append(fmt(single, 1)).append(" | ").append(ingest.get("seconds_single_per_run")).append(" |\n")
                .append("| read + parse alone, 1 thread | ").append(fmt(ingest.number("mb_per_s_parse_only"), 1)).append(" | ")
                .append(ingest.get("seconds_parse_only_per_run")).append(" |\n\n");
        jvms.add("ingest: " + ingest.get("jvm"));
        others.add(ingest.number("others_cpu_percent"));
    }

    /** The HTTP path (HttpBenchmark): client CPU per call by role, efficiency through HTTP, tokens. */
    private static void http(Path dir, List<String> summary, StringBuilder details, List<String> jvms) throws IOException {
        List<Benchmarks.Result> cpu = new ArrayList<>();
        for (String name : List.of("http-agent", "http-user", "http-judge", "http-all", "http-anthropic")) {
            Benchmarks.Result r = read(dir, name);
            if (r != null) cpu.add(r);
        }
        Benchmarks.Result latency = read(dir, "http-latency");
        if (cpu.isEmpty() && latency == null) return;
        details.append("## The HTTP path\n\n")
                .append("`CollectionRun` with model roles `provider: openai` (one run with the agent on `anthropic`) against `LoopbackModelServer` on ")
                .append("127.0.0.1, in a JVM of its own so the run's process CPU is the client's alone (the server reports its own): OpenAI chat ")
                .append("completions and Anthropic messages on the JDK `HttpServer` with a virtual thread per exchange; behind HTTP the offline path's ")
                .append("scripted policies (the oracle agent without deliberate errors, the persona user, replayed over the conversation each call) and ")
                .append("an all-pass rubric judge; usage estimated as characters / 4, cached input from a simulated prefix cache (64-character blocks; ")
                .append("Anthropic reads at the request's cache breakpoints). One trial per task (the scripted roles play a task the same way every ")
                .append("time). The key is read from `TRAJFORGE_BENCH_API_KEY` as a real run reads it.\n\n");
        if (!cpu.isEmpty()) {
            details.append("**Client CPU per model call**, at steady state: ").append(cpu.getFirst().get("config"))
                    .append(", no latency; one warm-up run of each config first, then the same episodes all-scripted (no LLM judge) and over ")
                    .append("HTTP, each measured from 20% to 90% of its episodes. *Raw* is the client's process CPU over the window / HTTP calls in ")
                    .append("it; *net* subtracts the all-scripted run's CPU per episode, leaving what the HTTP path costs per call.\n\n")
                    .append("| Over HTTP | Calls in window (agent / user / judge) | Client CPU-ms per call, raw | net | Client CPU-ms per episode (all-scripted) | Server CPU-ms per call | Episodes/s (all-scripted) | Accepted |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (Benchmarks.Result r : cpu) {
                String roles = r.get("http_roles") + (r.get("agent_provider").equals("anthropic") ? " (agent on Anthropic)" : "");
                details.append("| ").append(roles).append(" | ").append(r.get("window_calls_agent")).append(" / ").append(r.get("window_calls_user"))
                        .append(" / ").append(r.get("window_calls_judge")).append(" | ").append(fmt(r.number("client_cpu_ms_per_call"), 2)).append(" | **")
                        .append(fmt(r.number("client_cpu_ms_per_call_net"), 2)).append("** | ").append(fmt(r.number("http_cpu_ms_per_episode"), 2))
                        .append(" (").append(fmt(r.number("offline_cpu_ms_per_episode"), 2)).append(") | ").append(fmt(r.number("server_cpu_ms_per_call"), 2))
                        .append(" | ").append(fmt(r.number("episodes_per_s"), 0)).append(" (").append(fmt(r.number("offline_episodes_per_s"), 0)).append(") | ")
                        .append(fmt(r.number("accepted"), 0)).append(" of ").append(fmt(r.number("episodes"), 0)).append(" |\n");
                jvms.add("http " + roles + ": " + r.get("jvm"));
            }
            details.append('\n');
            for (Benchmarks.Result r : cpu) {
                if (!r.get("http_roles").equals("agent,user,judge")) continue;
                double net = r.number("client_cpu_ms_per_call_net");
                summary.add(row("Client CPU per model call through HTTP, all roles" + (r.get("agent_provider").equals("anthropic") ? ", agent on Anthropic" : ""),
                        "<= 0.5 CPU-ms per call on 2 cores", "**" + fmt(net, 2) + " CPU-ms** net of the scripted run (" + fmt(r.number("client_cpu_ms_per_call"), 2)
                                + " raw); server " + fmt(r.number("server_cpu_ms_per_call"), 2), net <= 0.5));
                tokens(r, details);
            }
        }
        if (latency != null) {
            double efficiency = latency.number("efficiency_percent");
            summary.add(row("Concurrency efficiency through HTTP", ">= 90% of ideal, " + fmt(latency.number("concurrency"), 0) + " in flight, "
                    + latency.get("latency_ms") + " ms per call", "**" + fmt(efficiency, 1) + "%** of ideal", efficiency >= 90));
            details.append("**Concurrency efficiency through HTTP**: ").append(latency.get("config")).append(", every role (")
                    .append(latency.get("http_roles")).append(") over HTTP, the server answering each call after ").append(latency.get("latency_ms"))
                    .append(" ms; warm-up 1,000 episodes without latency.\n\n")
                    .append("- HTTP calls per episode (measured): ").append(fmt(latency.number("calls_per_episode"), 2)).append("\n")
                    .append("- ideal = concurrency / (calls per episode x latency) = ").append(fmt(latency.number("ideal_episodes_per_s"), 1)).append(" episodes/s\n")
                    .append("- measured, steady state (after the first 2 x concurrency episodes, before the last concurrency): ")
                    .append(fmt(latency.number("steady_episodes_per_s"), 1)).append(" episodes/s = **").append(fmt(efficiency, 1)).append("%**\n")
                    .append("- whole run incl. world build, ramp-up, ramp-down and export: ").append(fmt(latency.number("whole_run_episodes_per_s"), 1))
                    .append(" episodes/s = ").append(fmt(latency.number("whole_run_efficiency_percent"), 1)).append("%\n")
                    .append("- in the steady state the client kept ").append(fmt(latency.number("window_client_cores"), 2)).append(" cores busy (")
                    .append(fmt(latency.number("client_cpu_ms_per_call"), 2)).append(" CPU-ms per call), the server ")
                    .append(fmt(latency.number("window_server_cores"), 2)).append(" (").append(fmt(latency.number("server_cpu_ms_per_call"), 2))
                    .append(" CPU-ms per call)\n\n");
            jvms.add("http latency: " + latency.get("jvm"));
        }
    }

    /** Tokens by role per episode and per accepted trajectory, and the growth of the agent's prompt with its calls. */
    private static void tokens(Benchmarks.Result r, StringBuilder details) {
        details.append("**Tokens**, ").append(r.get("http_roles")).append(r.get("agent_provider").equals("anthropic") ? " (agent on Anthropic)" : "")
                .append(", estimated by the server (characters / 4) over the measured run's ").append(fmt(r.number("episodes"), 0)).append(" episodes (")
                .append(fmt(r.number("accepted"), 0)).append(" accepted); cached = read from the simulated prefix cache, created = Anthropic cache writes:\n\n")
                .append("| Role | Calls per episode | Prompt per episode | of it cached | created | Completion per episode | Prompt per accepted | cached | Completion per accepted |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String role : List.of("agent", "user", "judge")) {
            String key = "tokens_" + role + "_";
            if (!r.has(key + "calls_per_episode")) continue;
            details.append("| ").append(role).append(" | ").append(fmt(r.number(key + "calls_per_episode"), 2)).append(" | ")
                    .append(fmt(r.number(key + "prompt_tokens_per_episode"), 0)).append(" | ").append(fmt(r.number(key + "cached_tokens_per_episode"), 0))
                    .append(" | ").append(fmt(r.number(key + "cache_creation_tokens_per_episode"), 0)).append(" | ")
                    .append(fmt(r.number(key + "completion_tokens_per_episode"), 0)).append(" | ").append(fmt(r.number(key + "prompt_tokens_per_accepted"), 0))
                    .append(" | ").append(fmt(r.number(key + "cached_tokens_per_accepted"), 0)).append(" | ")
                    .append(fmt(r.number(key + "completion_tokens_per_accepted"), 0)).append(" |\n");
        }
        if (r.has("agent_kth_prompt_tokens")) {
            details.append("\nMean prompt tokens of the k-th agent call, k = 1, 2, ...: ").append(r.get("agent_kth_prompt_tokens"))
                    .append("; of them cached: ").append(r.get("agent_kth_cached_tokens")).append("; calls: ").append(r.get("agent_kth_calls")).append("\n");
        }
        details.append('\n');
    }

    private static Benchmarks.Result read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".properties");
        return Files.exists(file) ? Benchmarks.Result.read(file) : null;
    }

    private static String row(String name, String target, String result, boolean met) {
        return "| " + name + " | " + target + " | " + result + " | " + (met ? "yes" : "**no**") + " |";
    }

    /** Cores, CPU model (Linux), OS and JDK of this machine. */
    private static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> " (" + line.substring(line.indexOf(':') + 1).strip() + ")").findFirst().orElse("");
        } catch (IOException | RuntimeException ignored) {
            // not Linux: cores and OS only
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + cpu + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + Runtime.version().feature();
    }
}
