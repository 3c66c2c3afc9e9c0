package dev.trajforge.collector.imports;

import org.apache.commons.text.StringTokenizer;
import org.apache.commons.text.matcher.StringMatcherFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * A live MCP server to read the tools of: a command started over stdio, or a streamable-HTTP endpoint. {@link #source()}
 * names it in the pack's origin and in every message; it never holds an environment value.
 */
public sealed interface McpServer permits McpServer.Stdio, McpServer.Http {

    /** The command line as given, or the URL without any user info. */
    String source();

    /**
     * @param commandLine a program and its arguments, split at blanks; single or double quotes keep blanks in one
     *                    argument ({@code node -e "process.exit(3)"})
     */
    static Stdio stdio(String commandLine) {
        StringTokenizer words = new StringTokenizer(commandLine, StringMatcherFactory.INSTANCE.splitMatcher(),
                StringMatcherFactory.INSTANCE.quoteMatcher());
        return new Stdio(commandLine.strip(), words.getTokenList());
    }

    /** @param url an {@code http} or {@code https} URL of the server's MCP endpoint, such as {@code http://127.0.0.1:3001/mcp} */
    static Http http(String url) {
        try {
            return new Http(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MCP server URL '" + url + "' is not a URL: " + e.getMessage(), e);
        }
    }

    /** A server started as a child process, spoken to over its stdin and stdout; it inherits this process's environment. */
    record Stdio(String commandLine, List<String> words) implements McpServer {
        public Stdio {
            words = List.copyOf(words);
            if (words.isEmpty()) throw new IllegalArgumentException("the MCP server command line is empty");
        }

        String program() {
            return words.getFirst();
        }

        List<String> arguments() {
            return words.subList(1, words.size());
        }

        @Override
        public String source() {
            return commandLine;
        }
    }

    /** A server answering MCP's streamable HTTP at one URL. */
    record Http(URI url) implements McpServer {
        public Http {
            String scheme = url.getScheme() == null ? "" : url.getScheme();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("MCP server URL '" + url + "' is not http:// or https://");
            }
            if (url.getHost() == null) throw new IllegalArgumentException("MCP server URL '" + url + "' has no host");
            if (url.getFragment() != null) throw new IllegalArgumentException("MCP server URL '" + url + "' has a fragment (#...)");
        }

        /** {@code scheme://host:port}, what the SDK's transport takes as its base. */
        String base() {
            return url.getScheme() + "://" + url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf('@') + 1);
        }

        /** The path and query the requests go to; {@code /} for a URL without a path. */
        String endpoint() {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        }

        @Override
        public String source() {
            return base() + endpoint();
        }
    }
}
