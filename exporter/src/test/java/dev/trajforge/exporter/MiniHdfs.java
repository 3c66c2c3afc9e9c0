package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.nio.file.Path;

/** A real in-JVM HDFS (one NameNode, one DataNode) for the tests that export to and read from hdfs://. */
public final class MiniHdfs {
    private MiniHdfs() {
    }

    /** Starts a cluster keeping its blocks under {@code baseDir}; the caller shuts it down. */
    public static MiniDFSCluster start(Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        // the client polls for a closed file's last block starting at 400 ms; a local DataNode answers at once
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        return cluster;
    }
}
