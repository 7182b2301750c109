package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.tools.plot.MissRatioPlot;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.replay.ReplayEngine;
import org.mmsim.trace.replay.ReplayOutcome;
import org.mmsim.trace.replay.ReplayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm compare}: every policy at every capacity on replay's engine (the trace decoded once, one simulation per
 * thread, each result what it would be alone), as a table of miss ratios (a row per capacity, a column per policy),
 * CSV, JSON, and the miss-ratio curves drawn as SVG.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare policies: the miss ratio of each at each capacity, as a table, CSV, JSON or an SVG plot "
                + "of the curves.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    private TraceArguments trace;

    @Option(names = {ReplayCommand.POLICY, "--policies"}, required = true, split = ",", paramLabel = "NAME[:P=V...]",
            description = "Policies, comma separated (lru,arc,lirs,2q,...).")
    private List<String> policies;

    @Option(names = {ReplayCommand.CAPACITY, "--capacities"}, required = true, split = ",", paramLabel = "N",
            description = "Cache sizes in pages, or N%% of the trace's distinct keys, comma separated.")
    private List<String> capacities;

    @Mixin
    private CurveOutputs outputs;

    @Option(names = "--json", description = "Print {trace, requests, distinctKeys, results: [replay's objects]}.")
    private boolean json;

    @Mixin
    private PluginPath plugins;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the policies' random choices.")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Simulations at once (default: the cores).")
    private Integer threads;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<PolicyChoice<ReplacementPolicyProvider>> chosen = plugins.registry().replacements(policies, ReplayCommand.POLICY);
        List<Capacity> sizes = Capacity.parseAll(capacities, ReplayCommand.CAPACITY);
        if (outputs.plot != null) {
            MrcCommand.checkPlot(outputs.plot);
        }
        ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr());
        ReplayOutcome outcome;
        try {
            outcome = new ReplayEngine(ReplayCommand.cores(threads), PluginWatch.defaultBudgetNanos(), bar)
                    .replay(trace.source(), chosen, sizes, seed);
        } finally {
            bar.finish();
        }
        Map<String, List<ReplayResult>> byPolicy = new LinkedHashMap<>();
        for (ReplayResult r : outcome.results()) {
            byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r);
        }
        if (outputs.csv != null) {
            StringBuilder text = new StringBuilder("policy,capacity,requests,hits,misses,miss_ratio\n");
            for (ReplayResult r : outcome.results()) {
                if (!r.failed()) {
                    text.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.6f%n", r.policy(), r.capacity(), r.requests(),
                            r.hits(), r.misses(), r.missRatio()));
                }
            }
            MrcCommand.write(outputs.csv, text.toString());
        }
        if (outputs.plot != null) {
            MissRatioPlot chart = new MissRatioPlot("Miss ratio against cache size: " + trace.trace.getFileName(), outputs.logX);
            byPolicy.forEach((policy, results) -> {
                List<ReplayResult> sorted = new ArrayList<>(results.stream().filter(r -> !r.failed()).toList());
                if (sorted.isEmpty()) {
                    return;
                }
                sorted.sort(java.util.Comparator.comparingLong(ReplayResult::capacity));
                double[] x = sorted.stream().mapToDouble(ReplayResult::capacity).toArray();
                double[] y = sorted.stream().mapToDouble(ReplayResult::missRatio).toArray();
                chart.add(new MissRatioPlot.Series(policy, x, y));
            });
            MrcCommand.writePlot(outputs.plot, chart::svg, chart::png);
        }
        spec.commandLine().getOut().print(json ? json(outcome) : table(outcome, byPolicy, sizes));
        return ReplayCommand.failures(outcome, spec);
    }

    private String json(ReplayOutcome outcome) {
        ObjectNode root = Json.object().put("trace", trace.trace.toString()).put("requests", outcome.requests())
                .put("distinctKeys", outcome.distinct());
        ArrayNode results = root.putArray("results");
        outcome.results().forEach(r -> results.add(ReplayCommand.json(r)));
        return Json.write(root);
    }

    private String table(ReplayOutcome outcome, Map<String, List<ReplayResult>> byPolicy, List<Capacity> sizes) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "trace %s (%s): %,d requests, %,d distinct keys%n",
                trace.trace, outcome.format().map(TraceFormat::cliName).orElse("custom"), outcome.requests(), outcome.distinct()));
        text.append(String.format("%-18s", "miss ratio"));
        int width = 8;
        for (String policy : byPolicy.keySet()) {
            width = Math.max(width, policy.length());
        }
        for (String policy : byPolicy.keySet()) {
            text.append(String.format("  %" + width + "s", policy));
        }
        text.append('\n');
        for (int i = 0; i < sizes.size(); i++) {
            Capacity size = sizes.get(i);
            long pages = byPolicy.values().iterator().next().get(i).capacity();
            text.append(String.format("%-18s", size.isRelative() ? size.text() + " = " + pages : Long.toString(pages)));
            for (List<ReplayResult> results : byPolicy.values()) {
                ReplayResult r = results.get(i);
                text.append(r.failed() ? String.format("  %" + width + "s", "failed")
                        : String.format(Locale.ROOT, "  %" + width + ".4f", r.missRatio()));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
