package dev.trajforge.simenv.imports;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The import test documents ({@code src/test/resources/imports/}, see its NOTICE). */
final class TestFiles {
    private TestFiles() {
    }

    static Path of(String name) {
        try {
            return Path.of(TestFiles.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
