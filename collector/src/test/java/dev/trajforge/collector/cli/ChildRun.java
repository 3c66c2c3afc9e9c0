package dev.trajforge.collector.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM, as an operator runs it: a real process that can be killed with any signal,
 * with its combined output in a log file. {@code failpoint} arms {@code -Dtrajforge.failpoint}.
 */
final class ChildRun {
    private final Process process;
    private final Path log;

    private ChildRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildRun start(Path log, String failpoint, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (failpoint != null) command.add("-Dtrajforge.failpoint=" + failpoint);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrajforgeCli.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildRun(process, log);
    }

    /** Runs to the end (at most two minutes) and returns the exit code. */
    static int run(Path log, String failpoint, String... args) throws Exception {
        ChildRun run = start(log, failpoint, args);
        return run.waitFor(120);
    }

    int waitFor(int seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the child run did not end within " + seconds + " s; its output: " + output());
        }
        return process.exitValue();
    }

    /** Waits (at most a minute) until the output contains {@code text}; false if the process ended first. */
    boolean awaitOutput(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) return true;
            if (!process.isAlive()) return output().contains(text);
            Thread.sleep(20);
        }
        return false;
    }

    /** Sends a signal by name (KILL, TERM, INT) and waits for the process to end; returns its exit code. */
    int signal(String name) throws Exception {
        int status = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (status != 0) throw new AssertionError("kill -" + name + " failed with " + status);
        return waitFor(60);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
