package dev.trajforge.collector.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The synthesis journal, with the run journal's discipline: a header line naming the config (its SHA-256 and the
 * hashed part itself), then one line per finished stage item ({@code <crc32c>\t<json>\n}), written and fsynced before
 * the item counts as done, never rewritten. Opening it cuts off a torn last line (a kill in the middle of a write);
 * a line whose checksum does not match is skipped (its item is asked again) and reported. A journal of another config
 * is refused.
 */
final class SynthJournal implements AutoCloseable {
    static final String HEADER_PREFIX = "#trajforge-synth ";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true).build();
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private final FileChannel channel;
    private final Map<String, StageRecord> records;
    private final List<String> damaged;

    private SynthJournal(Path file, FileChannel channel, Map<String, StageRecord> records, List<String> damaged) {
        this.file = file;
        this.channel = channel;
        this.records = records;
        this.damaged = damaged;
    }

    /** Opens (creating) the journal of a config; throws {@link SynthesisRefusedException} when it belongs to another config. */
    static SynthJournal open(Path file, String configSha256, ObjectNode config) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                channel.truncate(dev.trajforge.collector.journal.Journal.lastCompleteLineEnd(channel));
                Map<String, StageRecord> records = new LinkedHashMap<>();
                List<String> damaged = new ArrayList<>();
                boolean hasHeader = read(file, configSha256, records, damaged);
                channel.position(channel.size());
                SynthJournal journal = new SynthJournal(file, channel, records, damaged);
                if (!hasHeader) journal.write(header(configSha256, config));
                return journal;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the synthesis journal " + file, e);
        }
    }

    /** The latest record of every finished item, in the order first finished. */
    Map<String, StageRecord> records() {
        return Collections.unmodifiableMap(records);
    }

    /** Lines skipped because they could not be trusted ("journal.jsonl line 7: bad checksum"). */
    List<String> damaged() {
        return List.copyOf(damaged);
    }

    /** Appends and fsyncs one record; only then does it count. */
    synchronized void append(StageRecord record) {
        try {
            byte[] json = JSON.writeValueAsBytes(record);
            CRC32C crc = new CRC32C();
            crc.update(json);
            write((HEX.toHexDigits((int) crc.getValue()) + "\t" + new String(json, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
            records.put(record.key(), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the synthesis journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the synthesis journal " + file, e);
        }
    }

    private void write(byte[] line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line);
        while (bytes.hasRemaining()) channel.write(bytes);
        channel.force(false);
    }

    private static byte[] header(String configSha256, ObjectNode config) throws JsonProcessingException {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("config_sha256", configSha256);
        node.set("config", config);
        return (HEADER_PREFIX + JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads every complete line; returns whether the journal has its header. */
    private static boolean read(Path file, String configSha256, Map<String, StageRecord> records, List<String> damaged) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return false;
        JsonNode header = headerOf(lines.getFirst());
        if (header == null) {
            throw new SynthesisRefusedException(file + " is not a synthesis journal (its first line is no '" + HEADER_PREFIX.strip()
                    + "' header); choose another output folder");
        }
        String recorded = header.path("config_sha256").asText();
        if (!recorded.equals(configSha256)) {
            throw new SynthesisRefusedException("the output " + file.getParent() + " was synthesized under another config (sha256 "
                    + recorded.substring(0, Math.min(12, recorded.length())) + "…, this one is " + configSha256.substring(0, 12)
                    + "…); only output and budget may change between runs on one output: restore the config, or choose another output folder");
        }
        for (int i = 1; i < lines.size(); i++) {
            String problem = readEntry(lines.get(i), records);
            if (problem != null) damaged.add(file.getFileName() + " line " + (i + 1) + ": " + problem);
        }
        return true;
    }

    private static JsonNode headerOf(String line) {
        if (!line.startsWith(HEADER_PREFIX)) return null;
        try {
            return JSON.readTree(line.substring(HEADER_PREFIX.length()));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Reads one entry line into {@code records}; returns why it cannot be trusted, or null. */
    private static String readEntry(String line, Map<String, StageRecord> records) {
        int tab = line.indexOf('\t');
        if (tab != 8) return "not an entry line (expected a checksum, a tab and JSON)";
        byte[] json = line.substring(tab + 1).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(json);
        if (!line.substring(0, tab).equals(HEX.toHexDigits((int) crc.getValue()))) return "bad checksum";
        try {
            StageRecord record = JSON.readValue(json, StageRecord.class);
            records.remove(record.key()); // a later line wins, in the order it was finished
            records.put(record.key(), record);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable record: " + e.getMessage();
        }
    }
}
