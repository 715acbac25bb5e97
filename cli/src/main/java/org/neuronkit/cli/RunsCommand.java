package org.neuronkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.neuronkit.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neuronkit runs list [FOLDER]} and {@code runs compare RUN…}: one table ({@link RunsTable}) of
 * run folders' settings and metrics, in the terminal or as CSV. A damaged or unfinished run is a row
 * with its state, not an error.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List and compare run folders: settings and metrics in one table.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.CompareRuns.class})
final class RunsCommand {
    /** How deep {@code runs list} looks for run folders (a study's trials are two levels down from runs/). */
    static final int DEPTH = 3;

    /** Where the table goes: the terminal, a CSV file, or CSV on standard output. */
    static class TableOutput {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV into FILE (atomically).")
        Path csv;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table or csv: what is printed (default: ${DEFAULT-VALUE}).")
        String format;

        int show(List<RunSummary> runs, java.util.function.Function<RunSummary, String> name) {
            boolean asCsv = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "table" -> false;
                case "csv" -> true;
                default -> throw new ConfigurationException("--format " + format + ": expected table or csv");
            };
            RunsTable table = new RunsTable(runs, name);
            PrintWriter out = spec.commandLine().getOut();
            if (asCsv) {
                table.printCsv(out);
            } else {
                table.print(out);
            }
            if (csv != null) {
                OutputPaths.requireNotARunFile("--csv", csv);
                table.writeCsv(csv);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every run folder in FOLDER (default: runs), up to " + DEPTH + " levels down, studies' trials included.")
    static final class ListRuns implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", defaultValue = "runs", paramLabel = "FOLDER")
        Path folder;

        @picocli.CommandLine.Mixin
        TableOutput output;

        @Override
        public Integer call() {
            if (!Files.isDirectory(folder)) {
                throw new ConfigurationException("runs list: " + folder + " is not a folder");
            }
            List<RunSummary> runs;
            try (Stream<Path> dirs = Files.walk(folder, DEPTH)) {
                runs = dirs.filter(Files::isDirectory).filter(RunSummary::isRun).sorted().map(RunSummary::read).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("listing " + folder, e);
            }
            if (runs.isEmpty()) {
                output.spec.commandLine().getOut().println("no run folders in " + folder);
                output.spec.commandLine().getOut().flush();
                return 0;
            }
            return output.show(runs, r -> {
                String relative = folder.relativize(r.folder()).toString();
                return relative.isEmpty() ? r.folder().toString() : relative;
            });
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "The given run folders side by side: only the settings that differ, and every metric.")
    static final class CompareRuns implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RUN")
        List<Path> runs;

        @picocli.CommandLine.Mixin
        TableOutput output;

        @Override
        public Integer call() {
            for (Path run : runs) {
                if (!Files.isDirectory(run) || !RunSummary.isRun(run)) {
                    throw new ConfigurationException("runs compare: " + run + " is not a run folder (it holds no " + TrainSettings.FILE
                            + ", " + MetricsCsv.FILE + " or " + RunFolder.REPORT + ")");
                }
            }
            return output.show(runs.stream().map(RunSummary::read).toList(), r -> r.folder().toString());
        }
    }
}
