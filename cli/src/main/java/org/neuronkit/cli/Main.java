package org.neuronkit.cli;

import picocli.CommandLine;

/** Entry point of the {@code neuronkit} command. */
public final class Main {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(NeuronKitCommand.commandLine().execute(args));
    }
}
