package dev.trajforge.collector.imports;

import io.modelcontextprotocol.spec.McpError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Reading a client failure: its chain of causes, whether it is a timeout, the JSON-RPC error a server answered. */
final class Failures {
    private Failures() {
    }

    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) chain.add(t);
        return chain;
    }

    static boolean timedOut(Throwable failure) {
        return chain(failure).stream().anyMatch(t -> t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException);
    }

    /** The message of the first I/O exception in the chain ({@code Cannot run program "x": ...}), else {@link #describe}. */
    static String firstIoProblem(Throwable failure) {
        return chain(failure).stream().filter(t -> t instanceof java.io.IOException && t.getMessage() != null)
                .map(Throwable::getMessage).map(String::strip).findFirst().orElseGet(() -> describe(failure));
    }

    /** The server's JSON-RPC error ({@code -32601: Method not found}), else the deepest cause's message. */
    static String describe(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof McpError error && error.getJsonRpcError() != null) {
                return "it answered the error " + error.getJsonRpcError().code() + ": " + error.getJsonRpcError().message();
            }
        }
        Throwable root = chain.getLast();
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
