package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.exporter.validate.DatasetValidator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An export to s3a:// on a real MinIO in a container: the same shards, byte for byte, as the same
 * journal exported locally, and {@code validate} passes in place. Runs only in a {@code -Ps3} build
 * (the S3A connector on the class path) with a Docker engine: {@code mvn -B -Ps3 -pl collector test
 * -Dtest=S3aMinioTest}. The s3a keys are set on the export's {@link Configuration} here, because the
 * CLI reads no Hadoop configuration of its own.
 */
@Testcontainers(disabledWithoutDocker = true)
@EnabledIf(value = "connectorPresent", disabledReason = "the S3A connector is not on the class path: build with -Ps3")
class S3aMinioTest {
    private static final String USER = "trajforge";
    private static final String PASSWORD = "trajforge-secret";
    private static final String BUCKET = "datasets";

    @Container
    static final GenericContainer<?> MINIO = new GenericContainer<>(DockerImageName.parse("minio/minio:RELEASE.2024-10-29T16-01-48Z"))
            .withEnv("MINIO_ROOT_USER", USER)
            .withEnv("MINIO_ROOT_PASSWORD", PASSWORD)
            .withCommand("server", "/data")
            .withExposedPorts(9000)
            .waitingFor(Wait.forHttp("/minio/health/live").forPort(9000));

    @TempDir
    Path tmp;

    static boolean connectorPresent() {
        try {
            Class.forName("org.apache.hadoop.fs.s3a.S3AFileSystem", false, S3aMinioTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void should_write_the_same_shards_to_s3a_as_locally_and_validate_them_in_place() throws Exception {
        // a bucket, with the mc client that ships in the MinIO image
        assertEquals(0, MINIO.execInContainer("mc", "alias", "set", "local", "http://127.0.0.1:9000", USER, PASSWORD).getExitCode());
        assertEquals(0, MINIO.execInContainer("mc", "mb", "local/" + BUCKET).getExitCode());
        Path finished = tmp.resolve("finished");
        assertEquals(0, CliRun.of(ResumeTest.args(finished)).exitCode());
        RunDirectory run = RunDirectory.at(CommitCommand.resolve(finished));
        String output = "s3a://" + BUCKET + "/quickstart";
        Configuration s3a = minio();

        ExportResult local = export(run, tmp.resolve("local").toString(), new Configuration());
        ExportResult remote = export(run, output, s3a);

        assertEquals(local.files(), remote.files(), "the same shard names, rows, sizes and SHA-256");
        DatasetValidator.Report report = DatasetValidator.check(output, s3a);
        assertTrue(report.ok(), report.violations().toString());
        assertEquals(local.files().stream().mapToLong(ExportResult.ShardFile::rows).sum(), report.rows());
        FileSystem fs = FileSystem.get(URI.create(output), s3a);
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(output, "_SUCCESS")));
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(output, "_temporary")), "staging removed after the commit");
    }

    /** What a user puts in core-site.xml for MinIO (or any S3-compatible store): endpoint, path-style access, credentials. */
    private static Configuration minio() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://" + MINIO.getHost() + ":" + MINIO.getMappedPort(9000));
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.setBoolean("fs.s3a.path.style.access", true);
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", USER);
        conf.set("fs.s3a.secret.key", PASSWORD);
        conf.setInt("fs.s3a.attempts.maximum", 2);
        conf.setInt("fs.s3a.retry.limit", 2);
        return conf;
    }

    /** The run's journal, in episode order, exported to {@code output} as hf-parquet. */
    private static ExportResult export(RunDirectory run, String output, Configuration conf) {
        LoadedConfig loaded = run.storedConfig();
        RunConfig config = loaded.config();
        ExportSettings settings = ExportSettings.of(output, config.runId(), loaded.sha256(), config.validationFraction(), config.keepRejected());
        try (DatasetExport export = DatasetExport.open(settings, conf)) {
            JournalIndex.of(run.journals(), config.episodes()).forEachInOrder(config.episodes(), entry -> export.write(entry.record()));
            return export.commit(Instant.EPOCH, UsageTotals.none());
        }
    }
}
