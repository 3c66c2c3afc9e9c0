package dev.trajforge.simenv.tools;

/**
 * Implemented by a tools object that already holds the canonical JSON of some of the values its tools
 * return (e.g. a world's unchanged base entities, rendered once when the world was built), so
 * {@link Toolkit} need not render them again on every call. The text must be exactly what
 * {@link dev.trajforge.simenv.CanonicalJson#write} gives for the value.
 */
public interface Rendered {
    /** The canonical JSON of {@code value}, or null to have it rendered. */
    String renderedJson(Object value);
}
