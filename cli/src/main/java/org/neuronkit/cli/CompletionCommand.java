package org.neuronkit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit completion}: prints the bash (and zsh) completion script that picocli's
 * {@link AutoComplete} generates from the command tree; {@code source <(neuronkit completion)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for neuronkit.", "Use: source <(neuronkit completion), or save it into"
                + " /etc/bash_completion.d/neuronkit."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("neuronkit", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
