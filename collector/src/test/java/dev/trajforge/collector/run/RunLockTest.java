package dev.trajforge.collector.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static String record(String host, Instant heartbeat) {
        return "{\"role\":\"worker 0/1\",\"host\":\"" + host + "\",\"pid\":4242,\"started\":\"" + heartbeat + "\",\"heartbeat\":\"" + heartbeat + "\"}\n";
    }

    @Test
    void should_refuse_a_second_hold_in_the_same_process_and_allow_one_after_release() {
        Path file = tmp.resolve("journal-0-of-1.lock");
        try (RunLock held = RunLock.acquire(file, "worker 0/1", CLOCK)) {
            RunLockedException refused = assertThrows(RunLockedException.class, () -> RunLock.acquire(file, "worker 0/1", CLOCK));
            assertTrue(refused.getMessage().startsWith("worker 0/1 of this run is held by another run in this process"), refused.getMessage());
        }
        RunLock.acquire(file, "worker 0/1", CLOCK).close();
    }

    @Test
    void should_write_an_owner_record_naming_this_process_and_clear_it_on_release() throws Exception {
        Path file = tmp.resolve("commit.lock");
        try (RunLock held = RunLock.acquire(file, "the commit", CLOCK)) {
            String record = Files.readString(file);
            assertTrue(record.contains("\"pid\":" + ProcessHandle.current().pid()) && record.contains("\"heartbeat\":\"" + NOW + "\""), record);
        }
        assertEquals(0, Files.size(file));
    }

    @Test
    void should_respect_a_fresh_owner_record_of_another_host_whose_lock_this_file_system_cannot_see() throws Exception {
        Path file = tmp.resolve("journal-0-of-1.lock");
        Files.writeString(file, record("pod-a", NOW.minusSeconds(5)));

        RunLockedException refused = assertThrows(RunLockedException.class, () -> RunLock.acquire(file, "worker 0/1", CLOCK));

        assertTrue(refused.getMessage().contains("pid 4242 on pod-a (worker 0/1, alive 5 s ago)"), refused.getMessage());
    }

    @Test
    void should_take_over_when_the_other_hosts_owner_record_went_stale() throws Exception {
        Path file = tmp.resolve("journal-0-of-1.lock");
        Files.writeString(file, record("pod-a", NOW.minus(RunLock.STALE_AFTER).minusSeconds(1)));

        try (RunLock held = RunLock.acquire(file, "worker 0/1", CLOCK)) {
            assertTrue(Files.readString(file).contains("\"pid\":" + ProcessHandle.current().pid()));
        }
    }
}
