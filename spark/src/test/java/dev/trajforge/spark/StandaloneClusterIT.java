package dev.trajforge.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.cli.TrajforgeCli;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.EpisodeBatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quickstart submitted with spark-submit to a real Spark standalone cluster (a Master and two
 * Workers of one core each, every one its own JVM, on this machine's loopback), writing to a real HDFS:
 * an executor killed with SIGKILL while its task holds durable episodes costs no durable episode, and
 * the dataset is the one a single-process run writes, row for row.
 *
 * <p>Runs in the {@code standalone-cluster} surefire execution (integration-test phase), after
 * {@code package} built the shaded {@code trajforge-spark.jar}; without that jar it is skipped.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {
    /** The repository root: tests run in the module directory. */
    private static final java.nio.file.Path REPO = java.nio.file.Path.of("..").toAbsolutePath().normalize();
    private static final java.nio.file.Path QUICKSTART = REPO.resolve("examples/quickstart.yaml");
    private static final int PARTITIONS = 4;
    private static final int WORKERS = 2;
    /** The first attempt of each collection task holds once this many of its episodes are durable. */
    private static final int HOLD_AFTER = 3;
    private static final String JVM_OPTIONS = System.getProperty("spark.jvm.options", "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    java.nio.file.Path tmp;

    private MiniDFSCluster hdfs;
    private FileSystem fs;
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Daemon> workers = new ArrayList<>();

    /** A JVM this test started, with the file that holds its stdout and stderr. */
    private record Daemon(String name, Process process, java.nio.file.Path log) {
    }

    @Test
    void should_lose_no_durable_episode_to_a_killed_executor_and_write_the_rows_of_a_single_process_run() throws Throwable {
        java.nio.file.Path appJar = java.nio.file.Path.of(System.getProperty("trajforge.spark.jar", "target/trajforge-spark.jar"));
        assumeTrue(Files.isRegularFile(appJar), "no " + appJar + ": run after mvn package");
        try {
            LoadedConfig loaded = ConfigLoader.load(QUICKSTART, List.of());
            Partitions partitions = new Partitions(EpisodeBatch.open(loaded, (e, a, f, d) -> { }).tasks(), loaded.config().trials(), PARTITIONS);
            java.nio.file.Path single = tmp.resolve("single");
            assertEquals(0, TrajforgeCli.execute("run", QUICKSTART.toString(), "--out", single.toString(), "--quiet"));
            phase("single-process run");

            hdfs = startHdfs();
            String nameNode = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
            // by the address the cluster's JVMs use (the cluster's own FileSystem says localhost, another authority)
            fs = FileSystem.newInstance(URI.create(nameNode), hdfs.getConfiguration(0));
            Path runDir = new Path(nameNode + "/run");

            String master = startStandaloneCluster();
            phase("HDFS and the standalone cluster up");
            Daemon submit = submit(appJar, master, nameNode + "/out", runDir.toString());

            // both executors run a first attempt, which holds with at least HOLD_AFTER episodes durable
            await("two collection tasks holding", Duration.ofMinutes(2), submit,
                    () -> partitionsWithAtLeast(fs, runDir, partitions, HOLD_AFTER) >= WORKERS);
            ProcessHandle executor = executorOf(workers.get(0));
            executor.destroyForcibly();
            executor.onExit().get(30, TimeUnit.SECONDS);
            Map<Path, Long> atKill = attemptLines(fs, runDir, partitions);
            // the surviving task, and the lost one's retry (a second attempt, which never holds), go on
            fs.create(InjectedFaults.release(runDir.toString())).close();
            phase("executor of worker-1 killed while its task held " + atKill);

            assertTrue(submit.process().waitFor(5, TimeUnit.MINUTES), "spark-submit still running after 5 minutes");
            assertEquals(0, submit.process().exitValue(), "spark-submit's exit code");
            phase("spark-submit done");

            assertTrue(fs.exists(new Path(nameNode + "/out/_SUCCESS")), "no _SUCCESS in the output");
            assertEquals(rows(single), rows(copyToLocal(fs, new Path(nameNode + "/out"), tmp.resolve("from-hdfs"))),
                    "rows by id and content");
            assertDurableEpisodesNotRunAgain(fs, runDir, partitions, atKill, loaded.config().concurrency());
        } catch (Throwable failure) {
            tellLogs();
            throw failure;
        }
    }

    /**
     * Exactly one partition was lost with the killed executor (it alone has a second attempt file). Its
     * lost attempt's file kept the episodes it had made durable when it died, at least {@link #HOLD_AFTER},
     * and the retry ran exactly the others. Across the job, no more episodes ran twice than can have been
     * in flight on the lost executor: its one task's share of the run's concurrency, the config's
     * {@code concurrency} divided among the cluster's two task slots ({@link JobSpec#taskConfig}); only an
     * episode in flight there, never made durable, may run again.
     */
    private static void assertDurableEpisodesNotRunAgain(FileSystem fs, Path runDir, Partitions partitions, Map<Path, Long> atKill,
                                                         int concurrency) throws IOException {
        long ran = 0;
        List<Integer> lost = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) {
            ran += journal(fs, runDir, partitions, p).entriesInAttemptFiles();
            if (attemptFiles(fs, runDir, p).length > 1) lost.add(p);
        }
        assertEquals(1, lost.size(), "partitions with more than one attempt " + lost);
        int p = lost.get(0);
        long size = partitions.end(p) - partitions.first(p);
        long durableWhenLost = -1;
        long retried = 0;
        for (FileStatus attempt : attemptFiles(fs, runDir, p)) {
            long lines = lines(fs, attempt.getPath());
            if (atKill.containsKey(attempt.getPath())) {
                assertEquals(-1, durableWhenLost, "partition " + p + " had two attempts when the executor was killed");
                assertEquals(atKill.get(attempt.getPath()), lines, attempt.getPath() + " grew after its executor was killed");
                durableWhenLost = lines;
            } else {
                retried += lines;
            }
        }
        assertTrue(durableWhenLost >= HOLD_AFTER, "the lost attempt of partition " + p + " had " + durableWhenLost + " durable episodes");
        assertEquals(size - durableWhenLost, retried, "episodes the retry of partition " + p + " ran (" + durableWhenLost + " of " + size
                + " were durable)");
        long inFlightBound = Math.max(1, concurrency / WORKERS);
        long runTwice = ran - partitions.episodes();
        assertTrue(runTwice >= 0 && runTwice <= inFlightBound, runTwice + " episodes run twice, more than " + inFlightBound + " in flight");
        System.out.printf("StandaloneClusterIT: partition %d lost with %d of %d episodes durable, %d run by its retry; %d episodes run twice%n",
                p, durableWhenLost, size, retried, runTwice);
    }

    // ---- HDFS and the run's journal on it

    private MiniDFSCluster startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        return cluster;
    }

    private static PartitionJournal journal(FileSystem fs, Path runDir, Partitions partitions, int p) {
        return new PartitionJournal(fs, runDir, partitions, p);
    }

    private static int partitionsWithAtLeast(FileSystem fs, Path runDir, Partitions partitions, long episodes) {
        int n = 0;
        try {
            for (int p = 0; p < partitions.count(); p++) {
                if (journal(fs, runDir, partitions, p).entriesInAttemptFiles() >= episodes) n++;
            }
        } catch (IOException e) {
            return 0; // a file being created; asked again
        }
        return n;
    }

    private static FileStatus[] attemptFiles(FileSystem fs, Path runDir, int p) throws IOException {
        Path dir = new Path(runDir, String.format("spark/part-%05d", p));
        return fs.exists(dir) ? fs.listStatus(dir, path -> path.getName().startsWith("attempt-")) : new FileStatus[0];
    }

    /** Every attempt file of the run and the entry lines it holds. */
    private static Map<Path, Long> attemptLines(FileSystem fs, Path runDir, Partitions partitions) throws IOException {
        Map<Path, Long> lines = new TreeMap<>();
        for (int p = 0; p < partitions.count(); p++) {
            for (FileStatus attempt : attemptFiles(fs, runDir, p)) lines.put(attempt.getPath(), lines(fs, attempt.getPath()));
        }
        return lines;
    }

    private static long lines(FileSystem fs, Path file) throws IOException {
        long[] n = {0};
        LineFile.scan(fs, file, Long.MAX_VALUE, (text, offset, length) -> n[0]++);
        return n[0];
    }

    private static java.nio.file.Path copyToLocal(FileSystem fs, Path export, java.nio.file.Path local) throws IOException {
        Files.createDirectories(local.resolve("data"));
        for (FileStatus file : fs.listStatus(new Path(export, "data"))) {
            fs.copyToLocalFile(file.getPath(), new Path(local.resolve("data").resolve(file.getPath().getName()).toUri()));
        }
        return local;
    }

    private static Map<String, String> rows(java.nio.file.Path export) throws Exception {
        Map<String, String> rows = SparkRows.of(export);
        assertTrue(rows.size() >= 500, "rows in " + export + ": " + rows.size());
        return rows;
    }

    // ---- the standalone cluster

    /** Starts the Master and the Workers and returns the master URL once every Worker is alive. */
    private String startStandaloneCluster() throws Exception {
        int port = freePort();
        int webUi = freePort();
        String url = "spark://127.0.0.1:" + port;
        start("master", tmp, null, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + webUi);
        for (int i = 1; i <= WORKERS; i++) {
            java.nio.file.Path work = Files.createDirectories(tmp.resolve("worker-" + i));
            workers.add(start("worker-" + i, work, null, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                    "--webui-port", "" + freePort(), "--work-dir", work.resolve("work").toString(), url));
        }
        await(WORKERS + " workers alive", Duration.ofSeconds(90), null, () -> aliveWorkers(webUi) == WORKERS);
        return url;
    }

    /** Workers alive as the Master's web UI tells them. */
    private static int aliveWorkers(int webUi) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUi + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("aliveworkers").asInt() : 0;
        } catch (IOException notYet) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * spark-submit in client mode: the driver is the submit JVM, so the injected fault, a system
     * property of the driver, is one of its JVM flags (spark.driver.extraJavaOptions only reaches a
     * driver spark-submit launches itself).
     */
    private Daemon submit(java.nio.file.Path appJar, String master, String out, String runDir) throws IOException {
        java.nio.file.Path driverLocal = Files.createDirectories(tmp.resolve("driver-local"));
        return start("spark-submit", REPO, "-D" + InjectedFaults.HOLD_AFTER + "=" + HOLD_AFTER, "org.apache.spark.deploy.SparkSubmit",
                "--master", master, "--deploy-mode", "client", "--class", TrajforgeSpark.class.getName(),
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=" + WORKERS,
                "--conf", "spark.executor.extraJavaOptions=" + JVM_OPTIONS, "--conf", "spark.driver.extraJavaOptions=" + JVM_OPTIONS,
                "--conf", "spark.task.maxFailures=4", "--conf", "spark.ui.enabled=false", "--conf", "spark.local.dir=" + driverLocal,
                appJar.toAbsolutePath().toString(), "run", "examples/quickstart.yaml", "--out", out, "--partitions", "" + PARTITIONS,
                "--run-dir", runDir);
    }

    /**
     * Starts {@code mainClass} in a JVM of the JDK running this test, with Spark's JVM flags, on Spark's
     * class path (this test's, less the project's own classes: the application's come from its jar, as on
     * a real cluster). The Workers launch executors with the class path of a Spark installation
     * ({@code SPARK_HOME/jars} and {@code SPARK_DIST_CLASSPATH}): an empty one, and the same class path.
     */
    private Daemon start(String name, java.nio.file.Path dir, String extraFlag, String mainClass, String... args) throws IOException {
        java.nio.file.Path sparkHome = tmp.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(Arrays.asList(JVM_OPTIONS.trim().split("\\s+")));
        command.add(name.equals("spark-submit") ? "-Xmx1g" : "-Xmx512m");
        if (extraFlag != null) command.add(extraFlag);
        command.addAll(List.of("-cp", sparkClassPath(), mainClass));
        command.addAll(List.of(args));
        java.nio.file.Path log = tmp.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_DIST_CLASSPATH", sparkClassPath());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(tmp.resolve("local-" + name)).toString());
        Daemon daemon = new Daemon(name, builder.start(), log);
        daemons.add(daemon);
        return daemon;
    }

    /** The executor a Worker launched (its only child JVM running CoarseGrainedExecutorBackend). */
    private static ProcessHandle executorOf(Daemon worker) {
        List<ProcessHandle> executors = worker.process().toHandle().descendants()
                .filter(p -> commandLine(p).contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
                .toList();
        assertEquals(1, executors.size(), "executors of " + worker.name());
        return executors.get(0);
    }

    /** A process's command line; from /proc where there is one, as ProcessHandle.Info does not always tell it on Linux. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(java.nio.file.Path.of("/proc", "" + process.pid(), "cmdline"))).replace('\0', ' ');
        } catch (IOException noProc) {
            return process.info().commandLine().orElse("");
        }
    }

    /** Spark's class path: this test's, without the project's classes and artifacts. */
    private static String sparkClassPath() {
        return classPath().stream()
                .filter(entry -> !java.nio.file.Path.of(entry).toAbsolutePath().normalize().startsWith(REPO))
                .filter(entry -> !entry.contains(File.separator + "dev" + File.separator + "trajforge" + File.separator))
                .collect(joining(File.pathSeparator));
    }

    /** The test's class path, read through surefire's manifest-only jar if it uses one. */
    private static List<String> classPath() {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        if (entries.size() != 1 || !entries.get(0).endsWith(".jar")) return entries;
        try (JarFile jar = new JarFile(entries.get(0))) {
            String manifest = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
            if (manifest == null) return entries;
            URI base = java.nio.file.Path.of(entries.get(0)).toUri();
            return Stream.of(manifest.trim().split("\\s+")).map(url -> java.nio.file.Path.of(base.resolve(url)).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}, or as soon as {@code watched} has exited. */
    private static void await(String what, Duration timeout, Daemon watched, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (watched != null && !watched.process().isAlive()) fail(watched.name() + " exited (" + watched.process().exitValue() + ") before " + what);
            if (System.nanoTime() > deadline) fail("not " + what + " after " + timeout);
            Thread.sleep(250);
        }
    }

    // ---- on failure and after

    private final long started = System.nanoTime();

    private void phase(String what) {
        System.out.printf("StandaloneClusterIT: %s at %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** The last lines of every JVM's output, executors' included (the Workers keep theirs under their work dirs). */
    private void tellLogs() throws IOException {
        List<java.nio.file.Path> logs = new ArrayList<>(daemons.stream().map(Daemon::log).toList());
        try (Stream<java.nio.file.Path> files = Files.walk(tmp)) {
            files.filter(f -> f.toString().contains(File.separator + "work" + File.separator) && (f.endsWith("stderr") || f.endsWith("stdout")))
                    .forEach(logs::add);
        }
        for (java.nio.file.Path log : logs) {
            if (!Files.exists(log)) continue;
            List<String> lines = Files.readAllLines(log);
            System.err.println("==== " + tmp.relativize(log) + " (last 60 of " + lines.size() + " lines)");
            lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.err::println);
        }
    }

    @AfterEach
    void stop() throws IOException {
        // the submit JVM first, then each Worker with its executors, then the Master
        for (Daemon daemon : daemons.reversed()) {
            daemon.process().descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.process().destroyForcibly();
            try {
                daemon.process().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fs != null) fs.close();
        if (hdfs != null) hdfs.shutdown();
    }
}
