package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The conventions every command follows: one name per thing, one placeholder style, the version, completion, the footer. */
class CommandLineConventionsTest {

    private static List<CommandLine> allCommands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
        return all;
    }

    @Test
    void everyPlaceholderIsUpperCaseWithoutAngleBrackets() {
        List<String> offenders = new ArrayList<>();
        for (CommandLine command : allCommands(NeuronKitCommand.commandLine())) {
            List<CommandLine.Model.ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (CommandLine.Model.ArgSpec arg : args) {
                String label = arg.paramLabel();
                if (arg.arity().max() > 0 && (label.startsWith("<") || label.replace("csv:", "").matches(".*[a-z].*"))) {
                    offenders.add(command.getCommandName() + " " + (arg.isOption() ? ((OptionSpec) arg).longestName() : "") + " " + label);
                }
            }
        }
        assertEquals(List.of(), offenders, "placeholders are upper-case words such as N, FILE, DIR, DATA");
    }

    @Test
    void theDataSetIsDataInEveryCommandAndModelIsShared() {
        CommandLine root = NeuronKitCommand.commandLine();
        for (String name : new String[] {"train", "eval", "predict"}) {
            assertTrue(root.getSubcommands().get(name).getCommandSpec().findOption("--data") != null, name + " takes --data");
        }
        for (String name : new String[] {"eval", "predict", "inspect", "export"}) {
            assertTrue(root.getSubcommands().get(name).getCommandSpec().findOption("--model") != null, name + " takes --model");
        }
        assertEquals("--data", root.getSubcommands().get("train").getCommandSpec().findOption("--dataset").names()[0], "--dataset is an alias");
        assertEquals("--data", root.getSubcommands().get("predict").getCommandSpec().findOption("--input").names()[0], "--input is an alias");
        CommandLine vanishing = root.getSubcommands().get("study").getSubcommands().get("vanishing");
        assertTrue(vanishing.getCommandSpec().findOption("--hidden") != null, "study vanishing takes train's --hidden");
    }

    @Test
    void versionIsTheProjectVersion() {
        TrainCommandTest.Result result = run("--version");
        assertEquals(0, result.code());
        assertEquals("NeuronKit " + System.getProperty("project.version"), result.out().strip());
        assertTrue(System.getProperty("project.version").matches("\\d+\\.\\d+\\.\\d+.*"), System.getProperty("project.version"));
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommandsAndOptions() {
        TrainCommandTest.Result result = run("completion");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("#!/usr/bin/env bash"), result.out().lines().findFirst().orElse(""));
        for (String word : new String[] {"complete -F", "inspect", "--probabilities", "--data-dir"}) {
            assertTrue(result.out().contains(word), "the script mentions " + word);
        }
    }

    @Test
    void everyUsageEndsWithTheExitCodesAndArgumentFiles() {
        for (String command : new String[] {"train", "predict", "inspect"}) {
            String usage = run(command, "--help").out();
            assertTrue(usage.contains("Exit codes:") && usage.contains("  3  an option's value is refused")
                    && usage.contains("  4  the data are unusable"), usage);
            assertTrue(usage.contains("@FILE reads arguments from FILE"), usage);
            List<String> lines = usage.lines().toList();
            for (ExitCode code : ExitCode.values()) {
                String line = String.format("  %3d  %s", code.code, code.meaning);
                assertTrue(lines.contains(line), "exit code " + code.code + " on one line of at most 80 columns: " + usage);
            }
        }
    }

    @Test
    void eachFailureKindHasItsOwnExitCode() throws java.io.IOException {
        TrainCommandTest.Result usage = run("train", "--epochs");
        assertEquals(ExitCode.USAGE.code, usage.code());
        assertTrue(usage.err().contains("Missing required parameter for option '--epochs'"), usage.err());
        TrainCommandTest.Result configuration = run("train", "--activation", "relux", "--out", "/nonexistent/run");
        assertEquals(ExitCode.CONFIGURATION.code, configuration.code());
        java.nio.file.Path damaged = java.nio.file.Files.createTempFile("damaged", ".safetensors");
        try {
            java.nio.file.Files.writeString(damaged, "not a model");
            TrainCommandTest.Result data = run("eval", "--model", damaged.toString());
            assertEquals(ExitCode.MODEL_FILE.code, data.code(), data.err());
        } finally {
            java.nio.file.Files.delete(damaged);
        }
        assertEquals(ExitCode.values().length, java.util.Arrays.stream(ExitCode.values()).mapToInt(c -> c.code).distinct().count(), "the codes are distinct");
    }
}
