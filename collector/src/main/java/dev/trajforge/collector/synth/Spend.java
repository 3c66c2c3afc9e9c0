package dev.trajforge.collector.synth;

/** Model calls made, of which re-asks (a call that sent the errors of the previous answer back), and tokens. */
record Spend(int calls, int reasks, long promptTokens, long completionTokens) {
    static final Spend NONE = new Spend(0, 0, 0, 0);

    Spend {
        if (calls < 0 || reasks < 0 || promptTokens < 0 || completionTokens < 0) throw new IllegalArgumentException("negative spend");
        if (reasks > calls) throw new IllegalArgumentException("more re-asks (" + reasks + ") than calls (" + calls + ")");
    }

    Spend plus(Spend other) {
        return new Spend(calls + other.calls, reasks + other.reasks, promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }

    long tokens() {
        return promptTokens + completionTokens;
    }
}
