package org.neuronkit.cli;

import picocli.CommandLine.Command;

/** {@code neuronkit study}: the chapter's claims (docs/chapter.md §3, §6) measured with the toolkit itself. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Measure the chapter's claims: vanishing gradients, loss surfaces, universal approximation, the three ways to differentiate.",
        subcommands = {VanishingStudyCommand.class, SurfaceStudyCommand.class, ApproximationStudyCommand.class,
                GradientMethodsCommand.class})
final class StudyCommand {
}
