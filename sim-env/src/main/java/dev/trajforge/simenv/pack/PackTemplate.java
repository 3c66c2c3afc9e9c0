package dev.trajforge.simenv.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text with {@code {{ expression }}} placeholders, each a compiled JSONata expression. */
final class PackTemplate {
    private final List<String> literals; // one more than expressions
    private final List<PackExpression> expressions;

    private PackTemplate(List<String> literals, List<PackExpression> expressions) {
        this.literals = literals;
        this.expressions = expressions;
    }

    static PackTemplate compile(PackNode node, PackProblems problems) {
        String text = node.text(problems);
        if (text == null) return null;
        List<String> literals = new ArrayList<>();
        List<PackExpression> expressions = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) break;
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                problems.add(node.problem("a '{{' without its '}}' in \"" + text + "\""));
                return null;
            }
            literals.add(text.substring(at, open));
            PackExpression expression = PackExpression.compile(text.substring(open + 2, close), node, problems);
            if (expression == null) return null;
            expressions.add(expression);
            at = close + 2;
        }
        literals.add(text.substring(at));
        return new PackTemplate(List.copyOf(literals), List.copyOf(expressions));
    }

    String render(Object input, Map<String, Object> variables) {
        StringBuilder out = new StringBuilder(literals.getFirst());
        for (int i = 0; i < expressions.size(); i++) {
            Object value = expressions.get(i).evaluate(input, variables);
            if (value == null) {
                throw new PackEvaluationException("placeholder {{" + expressions.get(i).source() + "}} yields nothing").at(expressions.get(i).node());
            }
            out.append(PackValues.text(value)).append(literals.get(i + 1));
        }
        return out.toString();
    }
}
