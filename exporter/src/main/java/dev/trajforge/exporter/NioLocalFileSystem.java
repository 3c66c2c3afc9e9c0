package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code file:} file system of an export: Hadoop's {@link RawLocalFileSystem} (no {@code .crc} side
 * files) with permissions set through {@code java.nio}. Without the native libhadoop, which these
 * machines do not have, Hadoop sets the permission of every file and directory it creates by forking
 * {@code chmod}: about 10 ms each, most of a small export's commit. The permissions set are the same.
 */
final class NioLocalFileSystem extends RawLocalFileSystem {
    private static final String IMPL_KEY = "fs.file.impl";
    private static final String DISABLE_CACHE_KEY = "fs.file.impl.disable.cache";

    /** Makes {@code file:} paths opened with {@code conf} use this file system (uncached, so not shared with other users of the JVM's cache). */
    static void install(Configuration conf) {
        conf.setClass(IMPL_KEY, NioLocalFileSystem.class, FileSystem.class);
        conf.setBoolean(DISABLE_CACHE_KEY, true);
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        java.nio.file.Path file = pathToFile(p).toPath();
        try {
            Files.setPosixFilePermissions(file, posix(permission));
        } catch (UnsupportedOperationException notPosix) {
            super.setPermission(p, permission);
        }
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        return set;
    }

    private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read, PosixFilePermission write,
                            PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) set.add(read);
        if (action.implies(FsAction.WRITE)) set.add(write);
        if (action.implies(FsAction.EXECUTE)) set.add(execute);
    }
}
