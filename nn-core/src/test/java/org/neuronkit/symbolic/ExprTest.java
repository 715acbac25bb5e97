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
        "sigma(3*x)", "σ(-x)^2", "x^x", "2^(x*y)", "-(x - y)/(x*y)", "cos(sin(x))*exp(-x^2)", "y", "3.5e-1*x*y",
        "erf(x)", "erf(x/sqrt(2))*x", "abs(x - 1)", "abs(x^2 - 1)*x", "max(x, 0.5)", "max(2*x, y*x)", "min(x, 1)", "min(y, x^2)",
        "max(min(x, 1), -1)", "ifpos(x - 1, x^2, -x)", "max(x, 0) + log(1 + exp(-abs(x)))"})
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
        "exp(0)*y; y", "x+(-y); x - y", "x-(-y); x + y", "a*(-b); -(a*b)", "(-a)*(-b); a*b", "log(1)+sqrt(4)*x; 2*x",
        "max(2, 3)*x; 3*x", "min(2, -3)+x; -3 + x", "abs(-2)*x; 2*x", "erf(0)+x; x", "ifpos(2, x, y); x", "ifpos(-2, x, y); y",
        "ifpos(0, x, y); y", "ifpos(z, x, x); x", "x-(-1); x + 1", "x+(-2); x - 2"})
    void simplifies(String input, String expected) {
        assertEquals(expected, Expr.parse(input).simplify().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a - (b - c)", "a/(b*c)", "(a + b)*c", "-x^2", "(-x)^2", "a^(b^c)", "(a^b)^c", "-(a*b)",
        "a*(-b)", "2^-1", "-2*x", "1/(exp(-(w*x + b)) + 1)", "tanh(x)^2", "a + (b + c)", "x*1.0E-20",
        "max(a, b)^2", "-min(a, -b)", "ifpos(a - b, max(a, 0), -abs(b))*erf(x)"})
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
        "1.2.3*x; 0; a number",
        "max(x); 5; ',' and argument 2 of 2 of max",
        "exp(x, y); 5; ')' after the 1 argument of exp",
        "ifpos(x, 1); 10; ',' and argument 3 of 3 of ifpos"})
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

    /** Hand values of erf, from tables: erf(0.5), erf(1), erf(−2); and d erf/dx = 2/√π e^(−x²). */
    @Test
    void erfAndItsDerivativeHaveTheTablesValues() {
        Expr erf = Expr.parse("erf(x)");
        assertEquals(0.5204998778130465, erf.evaluate(Map.of("x", 0.5)), 1e-15);
        assertEquals(0.8427007929497149, erf.evaluate(Map.of("x", 1.0)), 1e-15);
        assertEquals(-0.9953222650189527, erf.evaluate(Map.of("x", -2.0)), 1e-15);
        assertEquals(2 / Math.sqrt(Math.PI), erf.derivative("x").evaluate(Map.of("x", 0.0)), 1e-15);
        assertEquals(0.41510749742059472, erf.derivative("x").evaluate(Map.of("x", 1.0)), 1e-15);
    }

    /**
     * At a tie, max and min take the second argument's slope and abs′(0) = −1: relu′(0) = 0, leaky relu′(0) = γ,
     * hard tanh′(±1) = 0 (nn-core's CPU conventions), and softplus written as max(x, 0) + log(1 + exp(−|x|)) gets
     * its true slope ½ at 0.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "max(x, 0); 0; 0", "max(x, 0); 1e-9; 1", "max(x, 0.1*x); 0; 0.1", "max(min(x, 1), -1); 1; 0", "max(min(x, 1), -1); -1; 0",
        "max(min(x, 1), -1); 0.999; 1", "min(0, exp(x) - 1); 0; 1", "abs(x); 0; -1", "abs(x); -3; -1", "abs(x); 3; 1",
        "max(x, 0) + log(1 + exp(-abs(x))); 0; 0.5"})
    void kinksTakeTheSecondArgumentsSlope(String text, double x, double slope) {
        assertEquals(slope, Expr.parse(text).derivative("x").evaluate(Map.of("x", x)), 1e-15, text);
    }

    /** A selection never multiplies the side it does not take: min(0, exp(x) − 1)′ at x = 1000 is 0, not 0·∞ = NaN. */
    @Test
    void slopesOfPiecewiseFunctionsStayFiniteWhereTheOtherSideOverflows() {
        Expr elu = Expr.parse("max(x, 0) + min(0, exp(x) - 1)");
        assertEquals(1.0, elu.derivative("x").evaluate(Map.of("x", 1000.0)), 0);
        assertEquals(1000.0, elu.evaluate(Map.of("x", 1000.0)), 0);
    }

    @Test
    void bindReplaceAndVariables() {
        Expr f = Expr.parse("max(z, γ*z)*β");
        assertEquals(java.util.List.of("z", "γ", "β"), f.variables());
        assertEquals(Expr.parse("max(z, 0.5*z)*β"), f.bind(Map.of("γ", 0.5)));
        assertEquals(Expr.parse("a*(1 - a)"), Expr.parse("sigma(z)*(1 - sigma(z))").replace(Expr.parse("sigma(z)"), Expr.parse("a")));
    }
}
