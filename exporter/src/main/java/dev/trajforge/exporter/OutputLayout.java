package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The directory of one export and every file-system operation on it, all through Hadoop's
 * {@link FileSystem}, so {@code file://}, {@code hdfs://} and {@code s3a://} are the same code.
 *
 * <pre>
 * &lt;root&gt;/data/&lt;split&gt;-NNNNN-of-NNNNN.parquet   published shards
 * &lt;root&gt;/_temporary/&lt;runId&gt;/                 staged shards while the export is open
 * &lt;root&gt;/manifest.json, README.md, report.html, _SUCCESS   (_SUCCESS last)
 * </pre>
 *
 * One output directory holds one export at a time: a commit replaces a previous export there and
 * removes all of {@code _temporary/}.
 */
final class OutputLayout {
    static final String DATA = "data";
    static final String TEMPORARY = "_temporary";
    static final String SUCCESS = "_SUCCESS";
    static final String MANIFEST = "manifest.json";
    static final String README = "README.md";
    /** The input lines an import could not turn into rows, with file, line and reason (written only by imports). */
    static final String REJECTS = "rejects.jsonl";

    private final FileSystem fs;
    private final Configuration conf;
    private final Path root;
    private final Path staging;
    /** the highest directory this export created (root or an ancestor), removed again on abort; null if none */
    private Path created;

    private OutputLayout(FileSystem fs, Configuration conf, Path root, String runId) {
        this.fs = fs;
        this.conf = conf;
        this.root = root;
        this.staging = new Path(new Path(root, TEMPORARY), runId);
    }

    /**
     * Resolves the output, creates it and its staging directory and proves it writable, or throws with
     * the path and leaves nothing behind.
     */
    static OutputLayout create(String outputUri, String runId, boolean overwrite, Configuration conf) {
        OutputLayout layout = resolve(outputUri, runId, conf);
        layout.probe(overwrite);
        return layout;
    }

    /**
     * The staging directory of one part of an export that several processes write (a Spark partition's
     * attempt): {@code _temporary/<run>/<part>/} under the output, emptied first. Nothing is probed or
     * published: {@link PartsCommit} does that once for all the parts.
     */
    static OutputLayout forPart(String outputUri, String runId, String part, Configuration conf) {
        OutputLayout layout = resolve(outputUri, runId + "/" + part, conf);
        try {
            layout.fs.delete(layout.staging, true);
            layout.mkdirs(layout.staging);
            return layout;
        } catch (IOException e) {
            throw ExportException.io("create", layout.staging, e);
        }
    }

    /** Removes an unfinished part's staging directory; a failure leaves it for the commit's cleanup of {@code _temporary/}. */
    void abortPart() {
        try {
            fs.delete(staging, true);
        } catch (IOException | RuntimeException ignored) {
            // the commit deletes all of _temporary/ at the end
        }
    }

    /**
     * Proves the output usable as {@link #create} does, but through a probe file of its own at the
     * root: never touches {@code _temporary/}, where another process of the same run may be committing.
     * Removes the directories it had to create.
     */
    static void probeOnly(String outputUri, boolean overwrite, Configuration conf) {
        OutputLayout layout = resolve(outputUri, "_probe", conf);
        Path current = layout.root;
        try {
            layout.created = layout.highestMissing(layout.root);
            layout.refuseUnusable(overwrite);
            layout.mkdirs(layout.root);
            current = new Path(layout.root, "_probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            layout.fs.create(current, false).close();
            layout.fs.delete(current, false);
            if (layout.created != null && !layout.fs.listFiles(layout.created, true).hasNext()) layout.fs.delete(layout.created, true);
        } catch (IOException e) {
            throw ExportException.io("create", current, e);
        }
    }

    private static OutputLayout resolve(String outputUri, String runId, Configuration conf) {
        Path requested;
        FileSystem fs;
        try {
            requested = toHadoopPath(outputUri);
        } catch (IllegalArgumentException e) {
            throw new ExportException("cannot export to " + outputUri + ": not a path or URI (" + e.getMessage() + ")", e);
        }
        try {
            fs = FileSystem.get(requested.toUri(), conf);
        } catch (IOException e) {
            throw ExportException.io("open the file system of", requested, e);
        } catch (IllegalArgumentException e) {
            throw new ExportException("cannot open the file system of " + requested + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Hadoop knows the scheme (core-default.xml names its class) but the connector jar is not on the class path
            if (!(e.getCause() instanceof ClassNotFoundException missing)) throw e;
            throw new ExportException("cannot open the file system of " + requested + ": " + missing.getMessage()
                    + ConnectorHint.of(requested.toUri(), e), e);
        }
        return new OutputLayout(fs, conf, fs.makeQualified(requested), runId);
    }

    /** A plain local path (relative or absolute) becomes an absolute {@code file:} path; a URI with a scheme is kept. */
    static Path toHadoopPath(String outputUri) {
        try {
            URI uri = new URI(outputUri);
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return new Path(uri);
            }
        } catch (URISyntaxException notAUri) {
            // a local path with characters a URI does not allow, e.g. spaces
        }
        java.nio.file.Path local = java.nio.file.Path.of(outputUri).toAbsolutePath().normalize();
        return new Path("file", null, local.toString());
    }

    URI uri() {
        return root.toUri();
    }

    Path root() {
        return root;
    }

    Path staging() {
        return staging;
    }

    Path data() {
        return new Path(root, DATA);
    }

    Path file(String relative) {
        return new Path(root, relative);
    }

    Configuration conf() {
        return conf;
    }

    private void probe(boolean overwrite) {
        Path current = root;
        try {
            created = highestMissing(root);
            refuseUnusable(overwrite);
            mkdirs(root);
            current = staging;
            fs.delete(staging, true); // left by an earlier attempt of this run that died
            mkdirs(staging);
            current = new Path(staging, "_probe");
            fs.create(current, false).close();
            fs.delete(current, false);
        } catch (IOException e) {
            abort();
            throw ExportException.io("create", current, e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private void refuseUnusable(boolean overwrite) throws IOException {
        if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
            throw new ExportException("cannot export to " + root + ": it is a file, not a directory");
        }
        if (!overwrite && fs.exists(file(SUCCESS))) {
            throw new ExportException("refusing to export to " + root + ": it already holds a committed dataset (" + SUCCESS
                    + " exists); choose another output or pass --overwrite to replace it");
        }
    }

    /** Removes this export's staging directory, {@code _temporary/} if that leaves it empty, and what {@link #create} made. */
    void abort() {
        try {
            fs.delete(staging, true);
            Path temporary = staging.getParent();
            if (fs.exists(temporary) && fs.listStatus(temporary).length == 0) {
                fs.delete(temporary, false);
            }
            if (created != null && fs.exists(created) && !fs.listFiles(created, true).hasNext()) {
                fs.delete(created, true);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: without _SUCCESS nothing here is trusted anyway
        }
    }

    /** Deletes a previous export: {@code _SUCCESS} first, so no reader trusts the directory from here on. */
    void deletePreviousExport() throws IOException {
        delete(file(SUCCESS), false);
        delete(data(), true);
        delete(file(MANIFEST), false);
        delete(file(README), false);
        delete(file(dev.trajforge.exporter.report.HtmlReport.FILE_NAME), false);
        delete(file(REJECTS), false);
    }

    void deleteTemporary() throws IOException {
        delete(staging.getParent(), true);
    }

    /**
     * Moves a staged file to its final place; fails if the target exists. Through
     * {@code FileContext.rename(..., Options.Rename.NONE)} (atomic on HDFS), except on the local file
     * system, where Hadoop's {@code FileContext} forks a process per file to read its link status
     * (without libhadoop), and on schemes without an {@code AbstractFileSystem} binding: there the
     * target is checked, then renamed (this export is the only writer of its staging directory).
     */
    void publish(Path staged, Path target) throws IOException {
        mkdirs(target.getParent());
        if (!(fs instanceof RawLocalFileSystem)) { // file: is NioLocalFileSystem (DatasetExport.open installs it)
            try {
                FileContext.getFileContext(root.toUri(), conf).rename(staged, target, Options.Rename.NONE);
                return;
            } catch (UnsupportedFileSystemException noAbstractFileSystem) {
                // checked rename below
            }
        }
        if (fs.exists(target)) {
            throw new FileAlreadyExistsException(target + " already exists");
        }
        if (!fs.rename(staged, target)) {
            throw new IOException("rename " + staged + " to " + target + " returned false");
        }
    }

    void write(Path path, byte[] content) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(content);
        }
    }

    FileStatus status(Path path) throws IOException {
        return fs.getFileStatus(path);
    }

    private void mkdirs(Path dir) throws IOException {
        if (fs.mkdirs(dir)) return;
        Path existing = dir;
        while (existing != null && !fs.exists(existing)) existing = existing.getParent();
        if (existing == null) throw new IOException("cannot create the directory (nothing above it exists)");
        if (!fs.getFileStatus(existing).isDirectory()) throw new IOException("cannot create the directory: " + existing + " is a file");
        throw new IOException("cannot create the directory under " + existing + " (no permission to write there?)");
    }

    private void delete(Path path, boolean recursive) throws IOException {
        if (fs.exists(path) && !fs.delete(path, recursive)) {
            throw new IOException("cannot delete " + path);
        }
    }

    private Path highestMissing(Path path) throws IOException {
        Path missing = null;
        for (Path p = path; p != null && !p.isRoot() && !fs.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }
}
