package org.neuronkit.cli;

import picocli.CommandLine.Command;

/** {@code neuronkit data}: work with the data sets themselves. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Work with data sets: export rows as CSV.",
        subcommands = {DataExportCommand.class})
final class DataCommand {
}
