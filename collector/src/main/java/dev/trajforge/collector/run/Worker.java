package dev.trajforge.collector.run;

/**
 * This process's share of a run: {@code --worker K/N} takes the episodes whose index is K modulo N,
 * a deterministic 1/N share. {@code 0/1} is the whole run.
 */
public record Worker(int index, int count) {
    public static final Worker ALONE = new Worker(0, 1);

    public Worker {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--worker must be K/N with 0 <= K < N, got " + index + "/" + count);
        }
    }

    public static Worker parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length != 2) throw new NumberFormatException();
            return new Worker(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--worker must be K/N, such as 0/4, got '" + text + "'");
        }
    }

    public boolean owns(long episode) {
        return episode % count == index;
    }

    String tag() {
        return index + "-of-" + count;
    }
}
