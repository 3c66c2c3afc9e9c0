package dev.trajforge.exporter;

import java.net.URI;

/** What to do when Hadoop knows a scheme but its connector is not on the class path. */
public final class ConnectorHint {
    private ConnectorHint() {
    }

    /** A "; build with ..." suffix for a connector missing because of {@code failure}, or "" when that is not the problem. */
    public static String of(URI location, Throwable failure) {
        boolean classMissing = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) classMissing = true;
        }
        return classMissing && "s3a".equals(location.getScheme()) ? "; build with -Ps3 (hadoop-aws) to use s3a://" : "";
    }
}
