package dev.trajforge.simenv.pack;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

import java.util.Map;

/**
 * One JSONata expression of a pack, compiled once when the pack loads (a syntax error is a pack
 * problem naming file, line and key), evaluated many times with variables bound per evaluation.
 * Evaluating the same compiled expression from many threads is safe in jsonata-java 0.9.10.
 */
final class PackExpression {
    private final String source;
    private final PackNode node;
    private final Jsonata compiled;

    private PackExpression(String source, PackNode node, Jsonata compiled) {
        this.source = source;
        this.node = node;
        this.compiled = compiled;
    }

    /** Compiles the text of {@code node}; null (and a problem) when it is not a string or not valid JSONata. */
    static PackExpression compile(PackNode node, PackProblems problems) {
        String text = node.text(problems);
        if (text == null) return null;
        return compile(text, node, problems);
    }

    /**
     * An expression made while the pack runs (a task's assertion, rendered from its template and
     * checked then): it has no place in a pack file.
     */
    static PackExpression compileRendered(String text) {
        try {
            return new PackExpression(text, null, Jsonata.jsonata(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid JSONata expression: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    static PackExpression compile(String text, PackNode node, PackProblems problems) {
        try {
            return new PackExpression(text, node, Jsonata.jsonata(text));
        } catch (JException | IllegalArgumentException e) {
            problems.add(node.problem("not a valid JSONata expression: " + e.getMessage() + " in \"" + abbreviate(text) + "\""));
            return null;
        } catch (RuntimeException e) { // the parser throws other runtime exceptions on some malformed input
            problems.add(node.problem("not a valid JSONata expression (" + e.getClass().getSimpleName() + ") in \"" + abbreviate(text) + "\""));
            return null;
        }
    }

    /**
     * The value (in {@link PackValues} normal form; null when the expression yields nothing).
     *
     * @throws PackEvaluationException naming the expression and where it is written, when evaluation fails
     */
    Object evaluate(Object input, Map<String, Object> variables) {
        try {
            Jsonata.Frame frame = compiled.createFrame();
            variables.forEach(frame::bind);
            return PackValues.normalized(compiled.evaluate(input, frame));
        } catch (PackEvaluationException e) {
            throw placed(e);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof PackEvaluationException)) cause = cause.getCause();
            if (cause instanceof PackEvaluationException inner) throw placed(inner);
            throw placed(new PackEvaluationException(message(e) + " evaluating \"" + abbreviate(source) + "\"", e));
        }
    }

    private PackEvaluationException placed(PackEvaluationException e) {
        return node == null ? e : e.at(node);
    }

    String source() {
        return source;
    }

    /** Where the expression is written: its node in the pack file. */
    PackNode node() {
        return node;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 100 ? flat : flat.substring(0, 97) + "...";
    }
}
