package org.neuronkit.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuronkit.DataException;
import org.neuronkit.gradcheck.FiniteDifferences;

class ExprTest {

    @Test
    void specWorkedExampleDerivativesAreAQuarter() {
        Expr f = Expr.parse("1/(exp(-(w*x+b))+1)");
        Map<String, Double> at = Map.of("x", 1.0, "w", 0.0, "b", 0.0);
        assertEquals(0.5, f.evaluate(at), 0);
        assertEquals(0.25, f.derivative("w").evaluate(at), 0);
        assertEquals(0.25, f.derivative("b").evaluate(at), 0);
        assertEquals("exp(-(w*x + b))*x/(exp(-(w*x + b)) + 1)^2", f.derivative("w").toString());
        assertEquals("exp(-(w*x + b))/(exp(-(w*x + b)) + 1)^2", f.derivative("b").toString());
    }

    /** Each derivative, evaluated, against the central difference of the expression itself. */
    @ParameterizedTest
    @ValueSource(strings = {"x^3 - 2*x + 1", "exp(2*x)*sin(x)", "log(x^2 + 1)/cos(x)", "sqrt(x)*tanh(x - 1)",
        "sigma(3*x)", "σ(-x)^2", "x^x", "2^(x*y)", "-(x - y)/(x*y)", "cos(sin(x))*exp(-x^2)", "y", "3.5e-1*x*y"})
    void derivativesMatchCentralDifferences(String text) {
        Expr f = Expr.parse(text);
        Expr df = f.derivative("x");
        for (double x : new double[] {0.3, 0.9, 1.7}) {
            Map<String, Double> at = new HashMap<>(Map.of("x", x, "y", 0.7));
            double numeric = FiniteDifferences.central(v -> f.evaluate(Map.of("x", v, "y", 0.7)), x, 1e-5);
            double exact = df.evaluate(at);
            assertEquals(numeric, exact, 1e-8 * Math.max(1, Math.abs(exact)), text + " → " + df + " at x = " + x);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "x*1; x", "1*x; x", "x+0; x", "0+x; x", "x-0; x", "0-x; -x", "x*0; 0", "0*x; 0", "x/1; x", "0/x; 0",
        "x^1; x", "x^0; 1", "1^x; 1", "x-x; 0", "x/x; 1", "--x; x", "-1*x; -x", "2*3+x; 6 + x", "x*(2-3); -x",
        "exp(0)*y; y", "x+(-y); x - y", "x-(-y); x + y", "a*(-b); -(a*b)", "(-a)*(-b); a*b", "log(1)+sqrt(4)*x; 2*x"})
    void simplifies(String input, String expected) {
        assertEquals(expected, Expr.parse(input).simplify().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a - (b - c)", "a/(b*c)", "(a + b)*c", "-x^2", "(-x)^2", "a^(b^c)", "(a^b)^c", "-(a*b)",
        "a*(-b)", "2^-1", "-2*x", "1/(exp(-(w*x + b)) + 1)", "tanh(x)^2", "a + (b + c)", "x*1.0E-20"})
    void printsWhatParsesBackToTheSameTree(String text) {
        Expr e = Expr.parse(text);
        assertEquals(e, Expr.parse(e.toString()), () -> text + " printed as " + e);
    }

    @Test
    void readsUnicodeOperators() {
        assertEquals(Expr.parse("1/(1 + x)*2 - y"), Expr.parse("1 ÷ (1 + x) × 2 − y"));
        assertEquals(12.0, Expr.parse("2^2*3").evaluate(Map.of()), 0);
        assertEquals(-4.0, Expr.parse("-2^2").evaluate(Map.of()), 0);
        assertEquals(2.0, Expr.parse("2^3^0").evaluate(Map.of()), 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1/(exp(x; 8; ')'",
        "2*; 2; a number, a variable, a function or '('",
        "foo(x)+1; 0; unknown function 'foo'",
        "exp x; 4; '(' after the function exp",
        "x $ y; 2; an operator or the end of the expression",
        "(x + 1)) ; 7; an operator or the end",
        "1.2.3*x; 0; a number"})
    void syntaxErrorsNameThePositionAndWhatWasExpected(String text, int position, String expected) {
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> Expr.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().startsWith("at position " + position + ": expected "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void evaluatingWithAMissingVariableNamesIt() {
        DataException e = assertThrows(DataException.class, () -> Expr.parse("w*x").evaluate(Map.of("w", 1.0)));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }
}
