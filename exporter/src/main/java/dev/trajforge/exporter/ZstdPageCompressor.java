package dev.trajforge.exporter;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * ZSTD for the pages of one shard, used by one thread: each page one frame, compressed in one call
 * through a native context made once and reused. (parquet-java's codec opens a new ZSTD stream, with
 * tables of about 1.5 MB at level 3, for every page.) The frames name their content size, as pyarrow's
 * do; any ZSTD reader reads them.
 *
 * <p>As the page store's compressor, it hands back a data page {@link PageCompression} already
 * compressed ({@link #useNext}) and compresses the dictionary pages itself; the page store copies the
 * bytes returned before the next call.
 */
final class ZstdPageCompressor implements BytesInputCompressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();
    private final Input input = new Input();
    private byte[] output = new byte[0];
    private BytesInput next;

    ZstdPageCompressor(int level) {
        context.setLevel(level);
    }

    /** The next {@link #compress} call is for the page {@code compressed} holds compressed; it returns that. */
    void useNext(BytesInput compressed) {
        next = compressed;
    }

    @Override
    public BytesInput compress(BytesInput page) throws IOException {
        if (next != null) {
            BytesInput compressed = next;
            next = null;
            return compressed;
        }
        input.reset();
        page.writeAllTo(input);
        int length = compressIntoOutput(input.bytes(), 0, input.size()); // may replace output
        return BytesInput.from(output, 0, length);
    }

    /** {@code length} bytes of {@code array} from {@code offset}, compressed into an array of their own. */
    byte[] compress(byte[] array, int offset, int length) {
        int compressed = compressIntoOutput(array, offset, length); // may replace output
        return Arrays.copyOf(output, compressed);
    }

    private int compressIntoOutput(byte[] array, int offset, int length) {
        int bound = Math.toIntExact(Zstd.compressBound(length));
        if (output.length < bound) {
            output = new byte[bound];
        }
        return context.compressByteArray(output, 0, output.length, array, offset, length);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.ZSTD;
    }

    @Override
    public void release() {
        context.close();
    }

    /** A byte buffer whose array is read in place. */
    private static final class Input extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }
}
