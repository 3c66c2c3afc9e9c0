package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Counts the rows of a JSON data file, streaming: JSON Lines (an object per line) or one JSON array of objects. */
final class JsonRows {
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    /** The row where a file stops being what its format says. */
    static final class BadRow extends IOException {
        final long row;

        BadRow(long row, String message) {
            super(message);
            this.row = row;
        }
    }

    private JsonRows() {
    }

    static long count(InputStream in, boolean array) throws IOException {
        return array ? countArray(in) : countLines(in);
    }

    private static long countLines(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long rows = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser parser = FACTORY.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new BadRow(rows, "line " + (rows + 1) + " is not a JSON object");
                }
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw new BadRow(rows, "line " + (rows + 1) + " holds more than one JSON value");
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new BadRow(rows, "line " + (rows + 1) + " is not valid JSON: " + e.getOriginalMessage());
            }
            rows++;
        }
        return rows;
    }

    private static long countArray(InputStream in) throws IOException {
        long rows = 0;
        try (JsonParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BadRow(0, "the file is not a JSON array");
            }
            for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY; rows++) {
                if (token != JsonToken.START_OBJECT) {
                    throw new BadRow(rows, "element " + rows + " is not a JSON object");
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new BadRow(rows, "data after the JSON array");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRow(rows, "not valid JSON at element " + rows + ": " + e.getOriginalMessage());
        }
        return rows;
    }
}
