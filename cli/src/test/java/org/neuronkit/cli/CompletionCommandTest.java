package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash completion script, run in bash: what {@code --activation <TAB>} and {@code --data <TAB>} offer. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    /** The candidates bash's completion function sets for the command line {@code words} (the last one being completed). */
    private List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append("'");
        }
        String command = "source " + script + " 2>/dev/null; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_neuronkit 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes());
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void activationOffersActivationsAndDataOffersSetNamesAndFiles() throws Exception {
        Path script = Files.writeString(dir.resolve("neuronkit.bash"), CompletionCommand.script(NeuronKitCommand.commandLine()));
        Files.writeString(dir.resolve("mine.csv"), "1,2,0\n");

        List<String> activations = complete(script, "neuronkit", "train", "--activation", "");
        assertTrue(activations.contains("relu") && activations.contains("tanh"), activations.toString());
        assertTrue(activations.stream().noneMatch(a -> a.startsWith("adam")), "no optimizer names: " + activations);
        List<String> optimizers = complete(script, "neuronkit", "train", "--optimizer", "");
        assertTrue(optimizers.stream().anyMatch(o -> o.startsWith("adam")) && !optimizers.contains("relu"), optimizers.toString());

        List<String> data = complete(script, "neuronkit", "train", "--data", "");
        assertTrue(data.containsAll(List.of("digits", "fashion-mnist", "diabetes", "csv:", "mine.csv")), data.toString());
        assertEquals(List.of("mine.csv"), complete(script, "neuronkit", "eval", "--data", "mi"));
    }
}
