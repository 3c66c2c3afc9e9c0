package dev.trajforge.collector.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The files an {@code ingest} command line names, and how each is opened. */
public final class IngestInputs {
    private static final int BUFFER = 1 << 16;

    private IngestInputs() {
    }

    /**
     * The files {@code arguments} name, in argument order, each once: a file as itself, a directory as
     * every regular file under it (recursively, sorted by path), a glob ({@code *}, {@code ?}, {@code [},
     * {@code {}) as every regular file its {@code glob:} PathMatcher matches, sorted. An argument that
     * names nothing is an IllegalArgumentException naming it.
     */
    public static List<Path> expand(List<String> arguments) {
        Set<Path> files = new LinkedHashSet<>();
        for (String argument : arguments) {
            List<Path> found = plain(argument); // a file whose name holds glob characters is still that file
            if (found.isEmpty() && isGlob(argument)) found = glob(argument);
            if (found.isEmpty()) throw new IllegalArgumentException("no input files match '" + argument + "'");
            files.addAll(found);
        }
        return List.copyOf(files);
    }

    /** A UTF-8 reader over {@code file} (past a byte order mark, if any), decompressed through GZIPInputStream when its name ends in {@code .gz}. */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, BUFFER);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
        reader.mark(1);
        if (reader.read() != '\uFEFF') reader.reset(); // a byte order mark some Windows tools write is not part of line 1
        return reader;
    }

    private static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> plain(String argument) {
        Path path;
        try {
            path = Path.of(argument);
        } catch (java.nio.file.InvalidPathException e) {
            return List.of();
        }
        if (Files.isRegularFile(path)) return List.of(path);
        if (Files.isDirectory(path)) return walk(path, p -> true);
        return List.of();
    }

    /** Walks from the deepest directory before the first glob character and keeps the files the glob matches. */
    private static List<Path> glob(String argument) {
        int firstMeta = 0;
        while (!isGlob(String.valueOf(argument.charAt(firstMeta)))) firstMeta++;
        String prefix = argument.substring(0, firstMeta);
        int slash = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf(java.io.File.separatorChar));
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : prefix.substring(0, slash));
        if (!Files.isDirectory(slash < 0 ? Path.of(".") : base)) return List.of();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + argument);
        return walk(base, matcher);
    }

    private static List<Path> walk(Path root, PathMatcher matcher) {
        Path start = root.toString().isEmpty() ? Path.of(".") : root;
        try (Stream<Path> paths = Files.walk(start)) {
            List<Path> files = new ArrayList<>();
            paths.filter(Files::isRegularFile)
                    .map(p -> root.toString().isEmpty() ? start.relativize(p) : p)
                    .filter(matcher::matches)
                    .forEach(files::add);
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + start, e);
        }
    }
}
