package dev.trajforge.simenv;

import java.util.Map;
import java.util.TreeMap;

/**
 * One thing the user wants in a conversation. {@code ask} is the request in neutral words (the
 * user simulator phrases it in its style); {@code details} are the facts the user gives when the
 * agent asks for them, keyed by slot name (the tool argument they ground, e.g. {@code flight_id} or
 * {@code reason}).
 */
public record UserRequest(String intent, String ask, Map<String, String> details) {
    public UserRequest {
        if (intent == null || intent.isBlank()) throw new IllegalArgumentException("request intent is blank");
        if (ask == null || ask.isBlank()) throw new IllegalArgumentException("request " + intent + ": ask is blank");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
