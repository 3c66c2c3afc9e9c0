package dev.trajforge.exporter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Tiny DuckDB helpers for tests that only need a value or a column. */
final class DuckDb {
    private DuckDb() {
    }

    static String firstId(Path parquet) {
        return strings("SELECT id FROM read_parquet('" + parquet + "') ORDER BY id LIMIT 1").getFirst();
    }

    static List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
        return values;
    }
}
