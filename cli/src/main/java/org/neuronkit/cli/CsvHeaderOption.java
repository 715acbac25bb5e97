package org.neuronkit.cli;

import picocli.CommandLine.Option;

/** The {@code --csv-header} flag of the commands that read CSV files (a picocli mixin). */
final class CsvHeaderOption {
    @Option(names = "--csv-header", description = "The CSV file starts with a header line (skipped).")
    boolean csvHeader;
}
