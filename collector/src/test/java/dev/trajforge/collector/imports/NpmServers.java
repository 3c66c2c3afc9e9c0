package dev.trajforge.collector.imports;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real MCP servers from the npm registry for the live-import tests, installed once per JVM into
 * {@code target/npm} (kept between runs when the versions match). Where Node.js or npm is missing, or the install
 * fails, a test using them is skipped with the reason.
 */
public final class NpmServers {
    /** The versions the recorded tools/list files of sim-env's test resources were captured with. */
    static final String MEMORY = "@modelcontextprotocol/server-memory";
    static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    static final String VERSION = "2026.8.31";

    private static final Path PREFIX = Path.of("target", "npm").toAbsolutePath();
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(4);
    private static String unavailable;
    private static boolean installed;

    private NpmServers() {
    }

    /** The command line that starts server-memory over stdio with node. */
    public static String memoryCommand() {
        return "node " + entry(MEMORY);
    }

    /** The program and arguments that start server-everything with {@code transport} ({@code stdio}, {@code streamableHttp}). */
    public static List<String> everything(String transport) {
        return List.of("node", entry(EVERYTHING).toString(), transport);
    }

    private static Path entry(String pkg) {
        requireInstalled();
        return PREFIX.resolve("node_modules").resolve(pkg).resolve("dist").resolve("index.js");
    }

    private static synchronized void requireInstalled() {
        if (!installed && unavailable == null) install();
        Assumptions.assumeTrue(unavailable == null, () -> "skipped: " + unavailable);
    }

    private static void install() {
        if (!runs("node", "--version")) {
            unavailable = "node is not on the PATH (Node.js is needed to run the npm MCP servers)";
            return;
        }
        if (current(MEMORY) && current(EVERYTHING)) {
            installed = true;
            return;
        }
        if (!runs("npm", "--version")) {
            unavailable = "npm is not on the PATH";
            return;
        }
        try {
            Files.createDirectories(PREFIX);
            Path log = PREFIX.resolve("install.log");
            Process npm = new ProcessBuilder("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund", "--no-save",
                    MEMORY + "@" + VERSION, EVERYTHING + "@" + VERSION)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(INSTALL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
                unavailable = "npm install did not finish within " + INSTALL_LIMIT.toMinutes() + " minutes";
            } else if (npm.exitValue() != 0 || !current(MEMORY) || !current(EVERYTHING)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                unavailable = "npm install failed (exit " + npm.exitValue() + "): " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            } else {
                installed = true;
            }
        } catch (IOException e) {
            unavailable = "npm install could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while installing the npm MCP servers";
        }
    }

    private static boolean current(String pkg) {
        Path manifest = PREFIX.resolve("node_modules").resolve(pkg).resolve("package.json");
        try {
            return Files.isRegularFile(manifest) && Files.readString(manifest).contains("\"version\": \"" + VERSION + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** server-everything answering streamable HTTP at {@code http://127.0.0.1:PORT/mcp} until closed (with its children). */
    public static final class HttpServer implements AutoCloseable {
        private final Process process;
        private final int port;

        private HttpServer(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        public static HttpServer everything() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(NpmServers.everything("streamableHttp"));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(PREFIX.resolve("everything-" + port + ".log").toFile());
            builder.environment().put("PORT", Integer.toString(port));
            HttpServer server = new HttpServer(builder.start(), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!server.listening()) {
                if (!server.process.isAlive()) throw new IllegalStateException("server-everything exited with " + server.process.exitValue());
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException("server-everything did not listen on port " + port + " within 30 s");
                }
                Thread.sleep(100);
            }
            return server;
        }

        private boolean listening() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        public String url() {
            return "http://127.0.0.1:" + port + "/mcp";
        }

        @Override
        public void close() {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : all) {
                try {
                    handle.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
        }
    }
}
