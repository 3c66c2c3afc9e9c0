package dev.trajforge.exporter;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * ZSTD for the pages of one shard writer (one thread): each page one frame, compressed in one call
 * through a native context made once and reused, into buffers that are reused too. parquet-java's
 * codec opens a new ZSTD stream for every page; its context's tables (about 1.5 MB at level 3) are
 * allocated, zeroed and freed page by page, which made compression run at about half the speed ZSTD
 * reaches on the same pages. The frames name their content size, as pyarrow's do; any ZSTD reader
 * reads them. The page writer copies the bytes returned before the next call.
 */
final class ZstdPageCompressor implements BytesInputCompressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();
    private final Input input = new Input();
    private byte[] output = new byte[0];

    ZstdPageCompressor(int level) {
        context.setLevel(level);
    }

    @Override
    public BytesInput compress(BytesInput page) throws IOException {
        input.reset();
        page.writeAllTo(input);
        int bound = Math.toIntExact(Zstd.compressBound(input.size()));
        if (output.length < bound) {
            output = new byte[bound];
        }
        int written = context.compressByteArray(output, 0, output.length, input.bytes(), 0, input.size());
        return BytesInput.from(output, 0, written);
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
