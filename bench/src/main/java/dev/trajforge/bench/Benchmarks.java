package dev.trajforge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmarks of README "Performance", one scenario per JVM: {@code Benchmarks <scenario> key=value...}
 * runs {@code offline}, {@code latency}, {@code memory}, {@code export}, {@code ingest}, {@code http} or {@code html-report} (the
 * report.html of a 100,000-episode run, opened in headless Chromium) and writes its figures to
 * {@code result=FILE}; {@code serve} is the loopback model server the {@code http} scenario starts in a JVM of its own;
 * {@code Benchmarks report dir=DIR out=FILE} renders every result in DIR as one Markdown table.
 * {@code bench/run} drives them (fresh JVMs, explicit heap flags); nothing here runs under {@code mvn verify}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Benchmarks offline|latency|memory|export|ingest|http|html-report|serve|report [key=value ...]");
            System.exit(2);
        }
        Options options = Options.parse(args);
        Result result = switch (args[0]) {
            case "offline" -> OfflineBenchmark.run(options);
            case "latency" -> LatencyBenchmark.run(options);
            case "memory" -> MemoryBenchmark.run(options);
            case "export" -> ExportBenchmark.run(options);
            case "ingest" -> IngestBenchmark.run(options);
            case "http" -> HttpBenchmark.run(options);
            case "html-report" -> ReportBenchmark.run(options);
            case "serve" -> {
                LoopbackModelServer.main(options);
                yield null;
            }
            case "report" -> {
                Report.write(options.path("dir", "bench/target/results"), options.path("out", "bench/results.md"));
                yield null;
            }
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        };
        if (result != null) {
            result.put("jvm", jvm());
            result.write(options.path("result", "bench/target/results/" + args[0] + ".properties"));
        }
    }

    /** Java version and the flags this JVM was started with. */
    private static String jvm() {
        return "JDK " + Runtime.version().feature() + ", " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory("trajforge-bench-" + prefix);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code key=value} arguments after the scenario name. */
    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + args[i]);
                values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
            return new Options(values);
        }

        int integer(String key, int fallback) {
            return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
        }

        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        Path path(String key, String fallback) {
            return Path.of(values.getOrDefault(key, fallback));
        }
    }

    /** One scenario's figures, in insertion order, as {@code key=value} lines. */
    static final class Result {
        final Map<String, String> values = new LinkedHashMap<>();

        Result(String scenario) {
            values.put("scenario", scenario);
        }

        Result put(String key, Object value) {
            values.put(key, String.valueOf(value));
            return this;
        }

        void write(Path file) throws IOException {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            StringBuilder out = new StringBuilder();
            values.forEach((key, value) -> out.append(key).append('=').append(value.replace('\n', ' ')).append('\n'));
            Files.writeString(file, out, StandardCharsets.UTF_8);
            System.out.print(out);
        }

        static Result read(Path file) throws IOException {
            Result result = new Result("");
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) result.values.put(line.substring(0, eq), line.substring(eq + 1));
            }
            return result;
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String get(String key) {
            String value = values.get(key);
            if (value == null) throw new IllegalStateException("result " + values.get("scenario") + " has no " + key);
            return value;
        }

        double number(String key) {
            return Double.parseDouble(get(key));
        }
    }
}
