package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive hold on one part of a run (a worker's journal, the commit), held for as long as the
 * process works on it. Two layers:
 * <ul>
 *   <li>an OS lock on the lock file ({@link FileChannel#tryLock}), which the OS releases when the
 *       process dies, however it dies: a dead holder never needs manual cleanup;</li>
 *   <li>an owner record in the same file (role, host, pid, start, heartbeat renewed every
 *       {@link #HEARTBEAT}), for shared file systems whose locks do not reach other hosts: a record of
 *       another host renewed within {@link #STALE_AFTER} is respected even when the OS lock is free.</li>
 * </ul>
 * Within one JVM a second hold on the same file is refused without touching the file (closing any
 * channel on a file would drop the JVM's OS lock on it).
 */
final class RunLock implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration STALE_AFTER = Duration.ofSeconds(45);
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, Object> record;
    private final Clock clock;
    private final Thread heartbeat;
    private volatile boolean closed;

    private RunLock(Path file, FileChannel channel, FileLock lock, Map<String, Object> record, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.record = record;
        this.clock = clock;
        this.heartbeat = Thread.ofPlatform().daemon().name("trajforge-lock-heartbeat").unstarted(this::renewUntilClosed);
    }

    /** Takes the lock for {@code role} (such as "worker 0/1"), or throws {@link RunLockedException} naming the holder. */
    static RunLock acquire(Path file, String role, Clock clock) {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD_IN_THIS_JVM.add(key)) {
            throw new RunLockedException(file, role, "another run in this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            Holder holder = Holder.read(channel);
            if (lock == null) throw new RunLockedException(file, role, holder == null ? "another process" : holder.describe(clock));
            if (holder != null && !holder.host().equals(Host.NAME) && holder.seenWithin(clock, STALE_AFTER)) {
                lock.release();
                throw new RunLockedException(file, role, holder.describe(clock));
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("role", role);
            record.put("host", Host.NAME);
            record.put("pid", ProcessHandle.current().pid());
            record.put("started", clock.instant().toString());
            RunLock held = new RunLock(key, channel, lock, record, clock);
            held.renew();
            held.heartbeat.start();
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(key);
            throw new RunDirectoryException("cannot take the lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    private synchronized void renew() throws IOException {
        if (closed) return;
        record.put("heartbeat", clock.instant().toString());
        byte[] bytes = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) position += channel.write(buffer, position);
        channel.force(false);
    }

    private void renewUntilClosed() {
        while (!closed) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
                renew();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // a full disk or a flaky share: the OS lock still holds; the next beat tries again
            }
        }
    }

    /** Releases the lock; the file stays (an empty lock file is free). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        heartbeat.interrupt();
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // the record only matters while the OS lock is held
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it that matters
        }
    }

    /** Who holds (or last held) a lock, from its owner record. */
    record Holder(String role, String host, long pid, Instant heartbeat) {
        static Holder read(FileChannel channel) throws IOException {
            long size = channel.size();
            if (size == 0 || size > 64 * 1024) return null;
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                // read it all
            }
            try {
                JsonNode node = JSON.readTree(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                return new Holder(node.path("role").asText("?"), node.path("host").asText("?"), node.path("pid").asLong(-1),
                        Instant.parse(node.path("heartbeat").asText()));
            } catch (IOException | RuntimeException unreadable) {
                return null; // a torn or foreign record says nothing about a holder
            }
        }

        boolean seenWithin(Clock clock, Duration window) {
            return Duration.between(heartbeat, clock.instant()).compareTo(window) < 0;
        }

        String describe(Clock clock) {
            long ago = Math.max(0, Duration.between(heartbeat, clock.instant()).toSeconds());
            return "pid " + pid + " on " + host + " (" + role + ", alive " + ago + " s ago)";
        }
    }

    /** This machine's name, for owner records. */
    static final class Host {
        static final String NAME = name();

        private Host() {
        }

        private static String name() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) return env.trim();
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                try {
                    return java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException unknown) {
                    return "unknown-host";
                }
            }
        }
    }
}
