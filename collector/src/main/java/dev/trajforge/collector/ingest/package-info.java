/**
 * Reading the session logs product teams keep into the project's message model, losing nothing.
 *
 * <p>{@link dev.trajforge.collector.ingest.IngestInputs} expands the command line's paths (files,
 * directories, globs, {@code .gz}); {@link dev.trajforge.collector.ingest.SessionFormats} names the
 * formats ({@code openai-chat}, {@code openai-responses}, {@code anthropic}, {@code sharegpt},
 * {@code claude-code}, {@code codex}); each {@link dev.trajforge.collector.ingest.SessionFormat} turns
 * a file into {@link dev.trajforge.collector.ingest.IngestItem}s. Every line or session either becomes
 * a session (some user spoke; every tool call answered by exactly one tool message, which takes its
 * tool name from the call; arguments a JSON object; reasoning kept) or is rejected at its file and
 * line with the reason. Reasons name fields, roles and call ids, never the log's text.
 */
package dev.trajforge.collector.ingest;
