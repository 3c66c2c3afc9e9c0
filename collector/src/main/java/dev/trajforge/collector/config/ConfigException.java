package dev.trajforge.collector.config;

/**
 * A run configuration that cannot be used. The message is one line that names where the problem is
 * (the file or the {@code --set} override) and the key, for example
 * {@code config examples/x.yaml: key 'tasks': must be > 0, got -5}.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
