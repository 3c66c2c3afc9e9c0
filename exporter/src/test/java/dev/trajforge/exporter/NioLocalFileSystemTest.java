package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void should_be_the_file_system_of_file_paths_once_installed() throws Exception {
        Configuration conf = new Configuration();
        NioLocalFileSystem.install(conf);

        assertInstanceOf(NioLocalFileSystem.class, new Path(dir.toUri()).getFileSystem(conf));
    }

    @Test
    void should_give_files_and_directories_the_permissions_hadoop_asks_for() throws Exception {
        Configuration conf = new Configuration();
        NioLocalFileSystem.install(conf);
        FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);

        Path sub = new Path(new Path(dir.toUri()), "a/b");
        fs.mkdirs(sub, new FsPermission((short) 0750));
        Path file = new Path(sub, "f");
        try (OutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
            out.write(1);
        }

        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/f"))));
        assertFalse(Files.exists(dir.resolve("a/b/.f.crc")));
    }

    @Test
    void should_map_every_permission_bit() {
        assertEquals("rwxr-xr--", PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0754))));
        assertEquals("----w-rw-", PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0026))));
    }
}
