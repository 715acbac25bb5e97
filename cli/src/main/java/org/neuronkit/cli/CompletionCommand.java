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
        spec.commandLine().getOut().print(script(spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The name of the array of {@code --data}'s candidates in picocli's script, after its parameter label. */
    static final String DATA_CANDIDATES = "compReplyArray \"${DATA_option_args[@]}\" )";

    /**
     * picocli's script for {@code root}, with file names offered beside the data set names wherever
     * {@code --data} is completed (picocli offers either candidates or files, not both).
     */
    static String script(picocli.CommandLine root) {
        return AutoComplete.bash("neuronkit", root).replace("COMPREPLY=( $( " + DATA_CANDIDATES + " )",
                "type compopt &>/dev/null && compopt -o filenames\n      COMPREPLY=( $( " + DATA_CANDIDATES
                        + " $( compgen -f -- \"${curr_word}\" ) )");
    }
}
