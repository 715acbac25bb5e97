package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The hint for a list option given with spaces ({@code --hidden 64 32}): picocli takes {@code 32} as
 * an unmatched argument and would print the whole usage; this says {@code use commas: --hidden 64,32}. A
 * list option is one picocli splits at commas, or one whose converter does (its label shows a comma,
 * {@code N[,N…]}).
 */
final class CommaListHint {
    private CommaListHint() {
    }

    /**
     * The hint for {@code error} on {@code args}, or null when the unmatched arguments do not follow a
     * comma-separated option's value.
     */
    static String of(CommandLine.ParameterException error, String[] args) {
        if (!(error instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return null;
        }
        for (int i = 0; i + 2 < args.length; i++) {
            OptionSpec option = error.getCommandLine().getCommandSpec().findOption(args[i]);
            if (option == null || !(",".equals(option.splitRegex()) || option.paramLabel().contains(","))) { // split by picocli or its converter
                continue;
            }
            List<String> values = new ArrayList<>(List.of(args[i + 1]));
            for (int j = i + 2; j < args.length && !args[j].startsWith("-") && unmatched.getUnmatched().contains(args[j]); j++) {
                values.add(args[j]);
            }
            if (values.size() > 1) {
                return "unexpected argument '" + values.get(1) + "': " + args[i] + " takes its values with commas, not spaces: "
                        + args[i] + " " + String.join(",", values);
            }
        }
        return null;
    }
}
