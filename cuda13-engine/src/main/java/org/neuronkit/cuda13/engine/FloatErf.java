package org.neuronkit.cuda13.engine;

/**
 * erf in float for the CPU reference of the kernels (the JDK has none, and the engine uses no library beside
 * JavaCPP): erfc(x) = t exp(−x² + P(t)), t = 1 / (1 + |x|/2), with the Chebyshev-fitted polynomial P of
 * Numerical Recipes (2nd ed., §6.2), whose fractional error is below 1.2e-7 everywhere: float precision.
 */
final class FloatErf {
    private static final double[] P = {-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398,
        1.48851587, -0.82215223, 0.17087277};

    private FloatErf() {
    }

    static float erf(float x) {
        double ax = Math.abs((double) x);
        double t = 1 / (1 + 0.5 * ax);
        double poly = 0;
        for (int i = P.length - 1; i >= 0; i--) {
            poly = poly * t + P[i];
        }
        double erfc = t * Math.exp(-ax * ax + poly);
        return (float) (x >= 0 ? 1 - erfc : erfc - 1);
    }
}
