package dev.trajforge.exporter;

import dev.trajforge.simenv.Hashing;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An {@link OutputFile} that computes the SHA-256 and length of everything written through it, so a
 * shard's checksum comes for free instead of a second read of the whole file (which on s3a is a
 * second download). Parquet writes its files strictly sequentially, so the digest of the stream is
 * the digest of the file.
 */
final class HashingOutputFile implements OutputFile {
    private final OutputFile delegate;
    private final MessageDigest digest = Hashing.sha256();
    private long bytes;
    private boolean closed;

    HashingOutputFile(OutputFile delegate) {
        this.delegate = delegate;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return hashing(delegate.create(blockSizeHint));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return hashing(delegate.createOrOverwrite(blockSizeHint));
    }

    @Override
    public boolean supportsBlockSize() {
        return delegate.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return delegate.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return delegate.getPath();
    }

    /** SHA-256 of the bytes written; only once the stream is closed. */
    String sha256Hex() {
        if (!closed) {
            throw new IllegalStateException(getPath() + " is still open");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    long bytes() {
        return bytes;
    }

    private PositionOutputStream hashing(PositionOutputStream out) {
        return new PositionOutputStream() {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                digest.update((byte) b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                digest.update(b, off, len);
                bytes += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
                closed = true;
            }
        };
    }
}
