package org.neuronkit.tune;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neuronkit.ConfigurationException;

/**
 * One axis of a {@link SearchSpace}: the values one option of a trial may take, written as the
 * option's value on the command line.
 *
 * <ul>
 *   <li>{@code log:A..B}: log-uniform in [A, B], x = exp(u), u ~ U(ln A, ln B); A &gt; 0 (learning rates);
 *   <li>{@code A..B}: uniform in [A, B] (a dropout rate);
 *   <li>{@code a|b|c}: one of the choices, each with probability 1/3 ({@code 64,128|256,128}); a value
 *       without {@code |} or {@code ..} is a single choice, the same for every trial.
 * </ul>
 *
 * A sampled number is written with 4 significant digits ({@code 0.003162}).
 */
public sealed interface Dimension permits Dimension.Range, Dimension.Choices {

    /** The spec as given ({@code log:1e-4..1e-1}), recorded in the study file. */
    String spec();

    /** One value, drawn with {@code random}. */
    String sample(SplittableRandom random);

    /** Values that cover the dimension (each choice; a range's ends and middle), to check up front that the trainer accepts them. */
    List<String> coverage();

    /**
     * Reads a spec; a bad one is refused with a message naming {@code option} and the bad token.
     *
     * @param option the option the dimension sets (e.g. {@code --lr}), for messages
     */
    static Dimension parse(String option, String spec) {
        String text = spec.strip();
        if (text.isEmpty()) {
            throw new ConfigurationException(option + ": empty search space; give log:A..B, A..B or choices a|b|c");
        }
        boolean log = text.startsWith(Range.LOG);
        String body = log ? text.substring(Range.LOG.length()) : text;
        String[] ends = body.split(java.util.regex.Pattern.quote(Range.TO), -1);
        if (ends.length == 1 && !log) {
            String[] choices = text.split(java.util.regex.Pattern.quote(Choices.OR), -1);
            for (String choice : choices) {
                if (choice.isBlank()) {
                    throw new ConfigurationException(option + " " + spec + ": an empty choice; choices are separated by one |, e.g. adam|sgd");
                }
            }
            return new Choices(text, Arrays.stream(choices).map(String::strip).toList());
        }
        if (ends.length != 2) {
            throw new ConfigurationException(option + " " + spec + ": a range is " + (log ? Range.LOG : "") + "A..B with two numbers"
                    + (log ? "" : ", or log:A..B"));
        }
        double low = number(option, spec, ends[0]);
        double high = number(option, spec, ends[1]);
        if (!(low < high)) {
            throw new ConfigurationException(option + " " + spec + ": the range's low end " + ends[0].strip()
                    + " must be below its high end " + ends[1].strip());
        }
        if (log && low <= 0) {
            throw new ConfigurationException(option + " " + spec + ": a log range needs a low end > 0, got " + ends[0].strip());
        }
        return new Range(text, low, high, log);
    }

    private static double number(String option, String spec, String token) {
        try {
            double value = Double.parseDouble(token.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(option + " " + spec + ": '" + token.strip() + "' is not a finite number");
    }

    /** A real interval [low, high], sampled uniformly or, with {@code log}, log-uniformly. */
    record Range(String spec, double low, double high, boolean log) implements Dimension {
        static final String LOG = "log:";
        static final String TO = "..";

        @Override
        public String sample(SplittableRandom random) {
            double u = random.nextDouble();
            return format(log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low));
        }

        @Override
        public List<String> coverage() {
            return List.of(format(low), format(log ? Math.sqrt(low * high) : (low + high) / 2), format(high));
        }

        static String format(double value) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
    }

    /** A finite set of values, each equally likely. */
    record Choices(String spec, List<String> values) implements Dimension {
        static final String OR = "|";

        public Choices {
            values = List.copyOf(values);
        }

        @Override
        public String sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<String> coverage() {
            return values;
        }
    }
}
