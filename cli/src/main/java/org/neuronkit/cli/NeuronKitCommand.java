package org.neuronkit.cli;

import org.neuronkit.NeuronKitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code neuronkit} command: a set of subcommands. */
@Command(name = "neuronkit", mixinStandardHelpOptions = true, version = "NeuronKit 0.1.0",
        description = "Train and inspect feedforward neural networks on ND4J.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class, ImportCommand.class,
                InfoCommand.class, StudyCommand.class,
                FiguresCommand.class, CommandLine.HelpCommand.class})
public final class NeuronKitCommand {

    /** Exit code for a NeuronKit error (bad data, configuration, model file, diverged training). */
    static final int TOOLKIT_ERROR = 1;

    /** A command line whose toolkit errors print one line, {@code neuronkit: <message>}, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new NeuronKitCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof NeuronKitException) {
                cmd.getErr().println("neuronkit: " + exception.getMessage());
                return TOOLKIT_ERROR;
            }
            throw exception;
        });
        return commandLine;
    }
}
