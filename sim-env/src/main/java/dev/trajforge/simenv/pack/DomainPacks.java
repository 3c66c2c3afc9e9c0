package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds and loads declarative domain packs: a folder with a {@code domain.yaml} (see
 * {@code docs/domain-packs.md}). A folder given by the user may be one pack or a folder of packs;
 * packs on the class path live under {@code domains/<name>/}.
 */
public final class DomainPacks {
    /** The class path folder packs are found under. */
    public static final String CLASS_PATH_FOLDER = "domains";

    private DomainPacks() {
    }

    /**
     * Loads the pack in {@code folder}.
     *
     * @throws PackException with every problem found (file, line, key), when the pack cannot be used
     */
    public static Domain load(Path folder) {
        Path pack = folder.toAbsolutePath().normalize();
        if (!Files.isRegularFile(pack.resolve("domain.yaml"))) {
            throw new PackException(pack, List.of(new PackProblem("domain.yaml", 0, "", "not found: a pack is a folder with a domain.yaml")));
        }
        return new PackDomain(PackLoader.load(pack, pack.toString()));
    }

    /** Whether {@code folder} is a pack (has a {@code domain.yaml}). */
    public static boolean isPack(Path folder) {
        return Files.isRegularFile(folder.resolve("domain.yaml"));
    }

    /** The packs under {@code path}: the pack itself, or every pack folder directly inside it, in name order. */
    public static List<Domain> loadAll(Path path) {
        if (isPack(path)) return List.of(load(path));
        if (!Files.isDirectory(path)) {
            throw new PackException(path.toAbsolutePath(), List.of(new PackProblem(".", 0, "", "not a folder: a domain path is a pack folder or a folder of packs")));
        }
        List<Domain> domains = new ArrayList<>();
        for (Path folder : packFolders(path)) domains.add(load(folder));
        return domains;
    }

    /** The packs on the class path of {@code loader}, under {@value #CLASS_PATH_FOLDER}/. */
    static List<Domain> onClassPath(ClassLoader loader) {
        List<Domain> domains = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(CLASS_PATH_FOLDER);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                Path root = path(url.toURI());
                for (Path folder : packFolders(root)) {
                    String location = "classpath:" + CLASS_PATH_FOLDER + "/" + folder.getFileName().toString().replace("/", "");
                    domains.add(new LazyPackDomain(nameOf(folder, location), location, folder));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the domain packs on the class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the domain packs on the class path: " + e.getMessage(), e);
        }
        return domains;
    }

    /** The name a pack's domain.yaml gives, read alone (the rest of the pack is read when it is used). */
    private static String nameOf(Path folder, String location) {
        PackProblems problems = new PackProblems();
        PackDocument domain = PackDocument.read(folder, "domain.yaml", problems);
        String name = domain == null ? null : domain.root().required("name", problems).text(problems);
        problems.throwIfAny(Path.of(location));
        return name;
    }

    private static List<Path> packFolders(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).filter(DomainPacks::isPack).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static Path path(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) return Path.of(uri);
        FileSystem jar;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri);
        }
        return jar.provider().getPath(uri);
    }
}
