package dev.trajforge.spark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** The rows of an export as DuckDB (an independent Parquet reader) reads them: id -> the whole row as text. */
final class SparkRows {
    private SparkRows() {
    }

    static Map<String, String> of(Path export) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT id, CAST(t AS VARCHAR) FROM read_parquet('"
                     + export.resolve("data").toAbsolutePath() + "/*.parquet') t")) {
            while (rs.next()) {
                if (rows.put(rs.getString(1), rs.getString(2)) != null) throw new AssertionError("row " + rs.getString(1) + " twice in " + export);
            }
        }
        return rows;
    }
}
