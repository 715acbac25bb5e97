package org.neuronkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The top-level {@code neuronkit} command: a set of subcommands. A toolkit error prints one line,
 * {@code neuronkit: <message>}, and exits with its kind's {@link ExitCode}; every usage message ends
 * with the list of exit codes and how to use argument files.
 */
@Command(name = "neuronkit", mixinStandardHelpOptions = true, versionProvider = NeuronKitCommand.Version.class,
        description = "Train and inspect feedforward neural networks on ND4J.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExplainCommand.class, InspectCommand.class, ExportCommand.class,
                ImportCommand.class, DataCommand.class, InfoCommand.class, StudyCommand.class, FiguresCommand.class,
                CompletionCommand.class, UiCommand.class, RunsCommand.class, TuneCommand.class, CommandLine.HelpCommand.class})
public final class NeuronKitCommand {

    /** The command line, with the exit codes and the footer set on every command. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new NeuronKitCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            ExitCode code = ExitCode.of(exception);
            if (code == null) {
                throw exception;
            }
            cmd.getErr().println("neuronkit: " + exception.getMessage());
            return code.code;
        });
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((exception, args) -> {
            String hint = CommaListHint.of(exception, args);
            if (hint == null) {
                return usage.handleParseException(exception, args);
            }
            exception.getCommandLine().getErr().println("neuronkit: " + hint);
            return ExitCode.USAGE.code;
        });
        footer(commandLine);
        return commandLine;
    }

    private static void footer(CommandLine command) {
        command.getCommandSpec().usageMessage().footer(ExitCode.footer());
        command.getSubcommands().values().forEach(NeuronKitCommand::footer);
    }

    /** The project version, from {@code neuronkit-version.properties} (filled in by Maven's resource filtering). */
    static final class Version implements IVersionProvider {
        static final String RESOURCE = "/neuronkit-version.properties";

        @Override
        public String[] getVersion() {
            return new String[] {"NeuronKit " + version()};
        }

        static String version() {
            try (InputStream in = NeuronKitCommand.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return "(unknown version: " + RESOURCE + " is missing)";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE, e);
            }
        }
    }
}
