package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.tools.ToolException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Exact decimal arithmetic for the {@code calculate} tool: + - * / and parentheses, no eval. */
final class Calculator {
    private final String text;
    private int pos;

    private Calculator(String text) {
        this.text = text;
    }

    static BigDecimal evaluate(String expression) {
        if (!expression.matches("[0-9+\\-*/(). ]+")) throw new ToolException("Invalid characters in expression");
        Calculator calculator = new Calculator(expression.replace(" ", ""));
        BigDecimal value = calculator.sum();
        if (calculator.pos != calculator.text.length()) throw new ToolException("Unexpected '" + calculator.text.charAt(calculator.pos) + "' in expression");
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }

    private BigDecimal sum() {
        BigDecimal value = product();
        while (pos < text.length() && (peek() == '+' || peek() == '-')) {
            char op = text.charAt(pos++);
            value = op == '+' ? value.add(product()) : value.subtract(product());
        }
        return value;
    }

    private BigDecimal product() {
        BigDecimal value = unary();
        while (pos < text.length() && (peek() == '*' || peek() == '/')) {
            char op = text.charAt(pos++);
            BigDecimal right = unary();
            if (op == '*') {
                value = value.multiply(right);
            } else {
                if (right.signum() == 0) throw new ToolException("Division by zero");
                value = value.divide(right, MathContext.DECIMAL64);
            }
        }
        return value;
    }

    private BigDecimal unary() {
        if (pos < text.length() && peek() == '-') {
            pos++;
            return unary().negate();
        }
        if (pos < text.length() && peek() == '(') {
            pos++;
            BigDecimal value = sum();
            if (pos >= text.length() || peek() != ')') throw new ToolException("Missing ')' in expression");
            pos++;
            return value;
        }
        int start = pos;
        while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) pos++;
        if (start == pos) throw new ToolException("Expected a number at position " + start);
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new ToolException("Invalid number '" + text.substring(start, pos) + "'");
        }
    }

    private char peek() {
        return text.charAt(pos);
    }
}
