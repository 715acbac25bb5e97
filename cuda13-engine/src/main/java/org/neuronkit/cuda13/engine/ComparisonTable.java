package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gpu-check's last table: W1 and W2 (training samples per second) and the Fashion-MNIST epoch (seconds)
 * of NeuronKit beside PyTorch eager and PyTorch under {@code torch.compile(mode="reduce-overhead")}, from the
 * same run, with issue #21's goals: W1 ≥ 1,000,000 samples/s and ≥ eager; W2 and the epoch ≥ 3× eager and
 * ≥ 1.5× compiled; the epoch ≤ 0.05 s. A missing PyTorch number shows as "–" and its goals as not checked.
 *
 * @param ours {@code W1}, {@code W2} in samples/s, {@code epoch} in seconds
 * @param torch {@code "W1 eager"}, {@code "W1 compiled"}, … in the same units
 */
record ComparisonTable(Map<String, Double> ours, Map<String, Double> torch) {

    static ComparisonTable of(Map<String, Double> ours, Map<String, Double> torch) {
        return new ComparisonTable(Map.copyOf(ours), Map.copyOf(torch));
    }

    /** How many times faster NeuronKit is than PyTorch in {@code mode} on {@code workload}, or NaN. */
    double speedup(String workload, String mode) {
        Double mine = ours.get(workload);
        Double theirs = torch.get(workload + " " + mode);
        if (mine == null || theirs == null) {
            return Double.NaN;
        }
        return workload.equals("epoch") ? theirs / mine : mine / theirs;
    }

    /** The table as Markdown, one row per workload. */
    String render() {
        StringBuilder text = new StringBuilder("| workload | unit | NeuronKit | PyTorch eager | torch.compile (reduce-overhead) | × eager | × compiled |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String workload : List.of("W1", "W2", "epoch")) {
            String unit = workload.equals("epoch") ? "s" : "samples/s";
            text.append("| ").append(workload).append(" | ").append(unit).append(" | ").append(number(ours.get(workload), unit)).append(" | ")
                    .append(number(torch.get(workload + " eager"), unit)).append(" | ").append(number(torch.get(workload + " compiled"), unit))
                    .append(" | ").append(ratio(speedup(workload, "eager"))).append(" | ").append(ratio(speedup(workload, "compiled"))).append(" |\n");
        }
        return text.toString().stripTrailing();
    }

    /** Each goal of issue #21 with whether it was met; goals whose numbers are missing are left out. */
    Map<String, Boolean> goals() {
        Map<String, Boolean> goals = new LinkedHashMap<>();
        if (ours.containsKey("W1")) {
            goals.put("W1 ≥ 1,000,000 samples/s", ours.get("W1") >= 1_000_000);
        }
        if (ours.containsKey("epoch")) {
            goals.put("Fashion-MNIST epoch ≤ 0.05 s", ours.get("epoch") <= 0.05);
        }
        List<String[]> relative = new ArrayList<>();
        relative.add(new String[] {"W1", "eager", "1"});
        for (String workload : List.of("W2", "epoch")) {
            relative.add(new String[] {workload, "eager", "3"});
            relative.add(new String[] {workload, "compiled", "1.5"});
        }
        for (String[] goal : relative) {
            double speedup = speedup(goal[0], goal[1]);
            if (!Double.isNaN(speedup)) {
                goals.put(goal[0] + " ≥ " + goal[2] + "× PyTorch " + goal[1], speedup >= Double.parseDouble(goal[2]));
            }
        }
        return goals;
    }

    private static String number(Double value, String unit) {
        return value == null ? "–" : unit.equals("s") ? String.format("%.4f", value) : String.format("%,.0f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format("%.2f", value);
    }
}
