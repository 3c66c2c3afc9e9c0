package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

/**
 * The local file system under the scheme {@code failing://}, whose data-file streams (names ending in
 * {@code .parquet}, {@code .json} or {@code .jsonl}) throw an {@link IOException} once they have taken
 * {@value #FAIL_AFTER_KEY} bytes — a disk or datanode going away in the middle of a shard. Everything
 * else (directories, renames, the manifest, {@code _SUCCESS}) works, so the failure is exactly one write.
 */
public class FailingFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "failing";
    static final String FAIL_AFTER_KEY = "trajforge.test.failing.after-bytes";
    static final String MESSAGE = "injected I/O failure";

    /** A configuration serving {@code failing://} with data-file writes failing after {@code failAfterBytes} (negative: never). */
    static Configuration conf(Configuration base, long failAfterBytes) {
        Configuration conf = new Configuration(base);
        conf.setClass("fs." + SCHEME + ".impl", FailingFileSystem.class, org.apache.hadoop.fs.FileSystem.class);
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
        conf.setLong(FAIL_AFTER_KEY, failAfterBytes);
        return conf;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    // every create() of the local file system opens its stream through these two
    @Override
    protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
        return failing(f, super.createOutputStream(f, append));
    }

    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission) throws IOException {
        return failing(f, super.createOutputStreamWithMode(f, append, permission));
    }

    private OutputStream failing(Path f, OutputStream out) {
        long failAfter = getConf().getLong(FAIL_AFTER_KEY, -1);
        if (failAfter < 0 || !f.getName().matches(".*\\.(parquet|jsonl?)$")) return out;
        return new FailingStream(out, failAfter);
    }

    private static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long failAfter) {
            super(out);
            this.left = failAfter;
        }

        @Override
        public void write(int b) throws IOException {
            take(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            take(len);
            out.write(b, off, len);
        }

        private void take(int bytes) throws IOException {
            if (bytes > left) throw new IOException(MESSAGE);
            left -= bytes;
        }
    }
}
