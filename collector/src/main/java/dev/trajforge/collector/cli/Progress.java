package dev.trajforge.collector.cli;

import dev.trajforge.collector.run.ProgressListener;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows progress: a self-updating bar on a terminal (done/total, accepted share, episodes/s, ETA),
 * plain log lines every 10% (or 10 s) otherwise, e.g. under cron or Airflow.
 */
final class Progress implements ProgressListener {
    private static final long TERMINAL_REFRESH_NANOS = 100_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long started;
    private long lastPrinted;
    private long lastDecile = -1;
    private boolean drewBar;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Whether stderr is a terminal (Console.isTerminal on JDK 22+, a console's presence on 21). */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void episodeDone(long done, long total, long accepted, double costUsd) {
        long now = System.nanoTime();
        if (done == 1) started = now; // rates count from the first finished episode, after the world is built
        if (terminal) {
            if (now - lastPrinted < TERMINAL_REFRESH_NANOS && done < total) return;
            lastPrinted = now;
            out.print("\r" + bar(done, total) + " " + line(done, total, accepted, costUsd, now) + "   ");
            out.flush();
            drewBar = true;
            return;
        }
        long decile = total == 0 ? 10 : done * 10 / total;
        if (decile == 0) return;
        if (decile != lastDecile || now - lastPrinted >= LOG_EVERY_NANOS) {
            lastDecile = decile;
            lastPrinted = now;
            out.println("trajforge: " + line(done, total, accepted, costUsd, now));
        }
    }

    void finish() {
        if (drewBar) out.println();
    }

    private String line(long done, long total, long accepted, double costUsd, long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        double rate = done / seconds;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        return String.format(Locale.ROOT, "%d/%d episodes, %.1f%% accepted before dedup, %.1f episodes/s, ETA %ds, spend $%.2f",
                done, total, done == 0 ? 0.0 : 100.0 * accepted / done, rate, eta, costUsd);
    }

    private static String bar(long done, long total) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        return "[" + "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "") + "]";
    }
}
