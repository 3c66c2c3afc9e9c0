package dev.trajforge.exporter.validate;

import dev.trajforge.exporter.ConnectorHint;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * An export directory or a single shard, opened through Hadoop's {@link FileSystem}; every read of the
 * validator and the inspector goes through here. Paths in messages are relative to the export root.
 */
final class ExportLocation {
    private final FileSystem fs;
    private final Configuration conf;
    private final Path root;
    private final FileStatus status;

    private ExportLocation(FileSystem fs, Configuration conf, Path root, FileStatus status) {
        this.fs = fs;
        this.conf = conf;
        this.root = root;
        this.status = status;
    }

    /** Resolves {@code location} (a local path or any Hadoop URI) and reads its status; IOException when it cannot be read at all. */
    static ExportLocation open(String location, Configuration conf) throws IOException {
        return open(toHadoopPath(location).toUri(), conf);
    }

    static ExportLocation open(URI location, Configuration conf) throws IOException {
        Path path = new Path(location);
        FileSystem fs;
        try {
            fs = path.getFileSystem(conf);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot open the file system of " + location + ": " + e.getMessage() + ConnectorHint.of(location, e), e);
        }
        Path qualified = fs.makeQualified(path);
        FileStatus status;
        try {
            status = fs.getFileStatus(qualified);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(qualified + " does not exist");
        }
        return new ExportLocation(fs, conf, qualified, status);
    }

    /** A plain local path (relative or absolute) becomes an absolute {@code file:} path; a URI with a scheme is kept. */
    static Path toHadoopPath(String location) {
        try {
            URI uri = new URI(location);
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return new Path(uri);
            }
        } catch (URISyntaxException notAUri) {
            // a local path with characters a URI does not allow, e.g. spaces
        }
        java.nio.file.Path local = java.nio.file.Path.of(location).toAbsolutePath().normalize();
        return new Path("file", null, local.toString());
    }

    URI uri() {
        return root.toUri();
    }

    boolean isDirectory() {
        return status.isDirectory();
    }

    FileStatus rootStatus() {
        return status;
    }

    Configuration conf() {
        return conf;
    }

    Path path(String relative) {
        return new Path(root, relative);
    }

    /** {@code relative}'s status, or null when it does not exist. */
    FileStatus statusOrNull(String relative) throws IOException {
        try {
            return fs.getFileStatus(path(relative));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** The entries of a directory sorted by name; empty when it does not exist. */
    List<FileStatus> list(String relative) throws IOException {
        try {
            FileStatus[] entries = fs.listStatus(path(relative));
            return Arrays.stream(entries).sorted(Comparator.comparing(s -> s.getPath().getName())).toList();
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /** Every file below a directory (recursively), at most {@code limit}; empty when it does not exist. */
    List<String> filesUnder(String relative, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            var files = fs.listFiles(path(relative), true);
            while (files.hasNext() && out.size() < limit) {
                out.add(relative(files.next().getPath()));
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        return out;
    }

    /** The path of {@code file} relative to the root, e.g. {@code data/train-00000-of-00001.parquet}. */
    String relative(Path file) {
        String rootPath = root.toUri().getPath().replaceAll("/+$", "");
        String path = file.toUri().getPath();
        if (path.startsWith(rootPath + "/")) {
            return path.substring(rootPath.length() + 1);
        }
        return path.equals(rootPath) ? file.getName() : path;
    }

    InputStream open(FileStatus file) throws IOException {
        return fs.open(file.getPath());
    }

    String readString(String relative) throws IOException {
        try (InputStream in = fs.open(path(relative))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** SHA-256 of a file's bytes, hex, streamed. */
    String sha256(FileStatus file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.open(file.getPath())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    ParquetMetadata footer(FileStatus file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf), HadoopReadOptions.builder(conf).build())) {
            return reader.getFooter();
        }
    }

    /** Streams the rows of a shard; {@code projection} (a Parquet message type) reads only those columns, null for all. */
    ParquetReader<Group> rows(FileStatus file, String projection) throws IOException {
        Configuration readConf = conf;
        if (projection != null) {
            readConf = new Configuration(conf);
            readConf.set(ReadSupport.PARQUET_READ_SCHEMA, projection);
        }
        return new GroupReaderBuilder(HadoopInputFile.fromStatus(file, readConf)).withConf(readConf).build();
    }

    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(org.apache.parquet.io.InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
