package org.neuronkit.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The normalisers of {@link Normalizer}, all of the form x' = (x − shift) / scale per feature; a
 * feature with zero spread on the training data gets scale 1 (it is only shifted).
 * <ul>
 *   <li>{@code minmax}: shift = min, scale = max − min, per feature;</li>
 *   <li>{@code minmax(global)}: the same with one min and max over all features;</li>
 *   <li>{@code standardize}: shift = mean μ, scale = population standard deviation σ.</li>
 * </ul>
 *
 * <h2>Shapes</h2>
 * shift and scale are row vectors 1 × F; {@link #transform} broadcasts them over the N rows.
 */
final class AffineNormalizer implements Normalizer {
    enum Kind {
        MINMAX("minmax"), MINMAX_GLOBAL("minmax(global)"), STANDARDIZE("standardize");

        final String spec;

        Kind(String spec) {
            this.spec = spec;
        }
    }

    private final Kind kind;
    private INDArray shift;
    private INDArray scale;

    AffineNormalizer(Kind kind) {
        this.kind = kind;
    }

    static Normalizer restore(String spec, Map<String, INDArray> params) {
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.spec.equals(spec)).findFirst()
                .orElseThrow(() -> new DataException("unknown normaliser '" + spec + "'; known: minmax, minmax(global), standardize"));
        INDArray shift = params.get("shift");
        INDArray scale = params.get("scale");
        if (shift == null || scale == null || shift.length() != scale.length() || shift.length() == 0) {
            throw new DataException("normaliser '" + spec + "' needs parameters shift and scale of equal length, got "
                    + params.keySet());
        }
        double[] shifts = shift.toDoubleVector();
        double[] scales = scale.toDoubleVector();
        for (int f = 0; f < shifts.length; f++) {
            if (!Double.isFinite(shifts[f]) || !Double.isFinite(scales[f]) || scales[f] == 0) {
                throw new DataException("normaliser '" + spec + "' needs a finite shift and a finite non-zero scale per feature;"
                        + " feature " + f + " has shift " + shifts[f] + " and scale " + scales[f]);
            }
        }
        AffineNormalizer normalizer = new AffineNormalizer(kind);
        normalizer.shift = shift.reshape(1, shift.length()).dup();
        normalizer.scale = scale.reshape(1, scale.length()).dup();
        return normalizer;
    }

    @Override
    public Normalizer fit(INDArray training) {
        requireMatrix(training, "fit");
        long features = training.columns();
        switch (kind) {
            case MINMAX -> {
                shift = training.min(0);
                scale = training.max(0).subi(shift);
            }
            case MINMAX_GLOBAL -> {
                double min = training.minNumber().doubleValue();
                double max = training.maxNumber().doubleValue();
                shift = training.getRow(0).ulike().assign(min);
                scale = shift.ulike().assign(max - min);
            }
            case STANDARDIZE -> {
                shift = training.mean(0);
                scale = training.std(false, 0);
            }
            default -> throw new IllegalStateException(kind.name());
        }
        shift = shift.reshape(1, features);
        scale = scale.reshape(1, features);
        BooleanIndexing.replaceWhere(scale, 1.0, Conditions.equals(0));
        requireFinite(training);
        return this;
    }

    /**
     * Fails when a feature's shift or scale overflowed the training data's type (e.g. FLOAT's σ of values
     * beyond about 10¹⁹), naming the feature and its largest magnitude; such a normaliser would zero the
     * feature in training and could not be saved.
     */
    private void requireFinite(INDArray training) {
        double[] shifts = shift.toDoubleVector();
        double[] scales = scale.toDoubleVector();
        for (int f = 0; f < shifts.length; f++) {
            if (!Double.isFinite(shifts[f]) || !Double.isFinite(scales[f])) {
                double largest = training.getColumn(f).amaxNumber().doubleValue();
                String message = "normaliser '" + kind.spec + "' cannot be fitted: feature " + f + " holds values up to " + largest
                        + " in magnitude, and its " + (kind == Kind.STANDARDIZE ? "mean or standard deviation" : "range") + " overflows "
                        + training.dataType() + " (shift " + shifts[f] + ", scale " + scales[f] + "); scale the feature down or leave it out";
                shift = null;
                scale = null;
                throw new DataException(message);
            }
        }
    }

    @Override
    public INDArray transform(INDArray x) {
        requireFitted(x, "transform");
        return x.subiRowVector(as(shift, x)).diviRowVector(as(scale, x));
    }

    @Override
    public INDArray inverse(INDArray x) {
        requireFitted(x, "invert");
        return x.muliRowVector(as(scale, x)).addiRowVector(as(shift, x));
    }

    private void requireFitted(INDArray x, String what) {
        if (shift == null) {
            throw new DataException("normaliser '" + kind.spec + "' is used before fit");
        }
        requireMatrix(x, what);
        if (x.columns() != shift.columns()) {
            throw new DataException("normaliser '" + kind.spec + "' was fitted on " + shift.columns()
                    + " features, the data has " + x.columns());
        }
    }

    private static INDArray as(INDArray row, INDArray x) {
        return row.dataType() == x.dataType() ? row : row.castTo(x.dataType());
    }

    private void requireMatrix(INDArray x, String what) {
        if (x.rank() != 2 || x.rows() == 0) {
            throw new DataException("normaliser '" + kind.spec + "' can only " + what + " an N × F matrix, got shape "
                    + Arrays.toString(x.shape()));
        }
        if (!x.dataType().isFPType()) {
            throw new DataException("normaliser '" + kind.spec + "' needs floating-point data, got " + x.dataType());
        }
    }

    @Override
    public String spec() {
        return kind.spec;
    }

    @Override
    public Map<String, INDArray> params() {
        if (shift == null) {
            throw new DataException("normaliser '" + kind.spec + "' has no parameters before fit");
        }
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("shift", shift.dup());
        params.put("scale", scale.dup());
        return params;
    }

    @Override
    public String toString() {
        return "Normalizer(" + kind.spec + (shift == null ? ", not fitted)" : ", " + shift.columns() + " features)");
    }
}
