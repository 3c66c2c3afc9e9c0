package dev.trajforge.collector.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI in its own JVM with the environment it is given (and no pseudonym key of its parent's): exit code, stdout, stderr. */
record ChildCli(int exitCode, String out, String err) {
    static ChildCli run(Path dir, Map<String, String> environment, String... args) throws Exception {
        return withFailpoint(dir, environment, null, args);
    }

    /** {@code failpoint} arms {@code -Dtrajforge.failpoint} (null: none). */
    static ChildCli withFailpoint(Path dir, Map<String, String> environment, String failpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (failpoint != null) command.add("-Dtrajforge.failpoint=" + failpoint);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrajforgeCli.class.getName()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().remove(IngestCommand.KEY_VARIABLE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "CLI finished");
        return new ChildCli(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
