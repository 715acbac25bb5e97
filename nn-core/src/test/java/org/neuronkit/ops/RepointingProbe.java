package org.neuronkit.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run by {@link OpSequenceTest} in a child JVM with a small, fixed heap, so that the process's
 * resident memory moves only with native memory: re-points one op between two input arrays
 * {@code calls} times after a warm-up and prints the resident kilobytes before and after.
 */
public final class RepointingProbe {

    public static void main(String[] args) throws IOException {
        int calls = Integer.parseInt(args[0]);
        OpSequence ops = new OpSequence();
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray out = a.ulike();
        for (int k = 0; k < calls; k++) {
            ops.begin().tanh(k % 2 == 0 ? a : b, out);
        }
        long before = residentKilobytes();
        for (int k = 0; k < calls; k++) {
            ops.begin().tanh(k % 2 == 0 ? a : b, out);
        }
        System.out.println("resident-kB " + before + " " + residentKilobytes());
    }

    static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
