package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.replay.ReplayEngine;
import org.mmsim.trace.replay.ReplayOutcome;
import org.mmsim.trace.replay.ReplayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mm replay}: replays a key trace under one or more policies at one or more cache sizes. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a trace under each policy at each capacity: demand paging, every key size 1, the cache "
                + "empty at the start, every missed key admitted. The trace is decoded once; pairs run on all cores.")
final class ReplayCommand implements Callable<Integer> {
    /** The name the policies' option is documented by; {@code --policies} is the same option. */
    static final String POLICY = "--policy";
    /** The name the capacities' option is documented by; {@code --capacities} is the same option. */
    static final String CAPACITY = "--capacity";

    @Mixin
    private TraceArguments trace;

    @Option(names = {POLICY, "--policies"}, required = true, split = ",", paramLabel = "NAME[:P=V...]",
            description = "Policies, comma separated, with parameters after colons (2q:kin=0.25).")
    private List<String> policies;

    @Option(names = {CAPACITY, "--capacities"}, required = true, split = ",", paramLabel = "N",
            description = "Cache sizes in pages, comma separated; N%% is a share of the trace's distinct keys.")
    private List<String> capacities;

    @Option(names = "--json", description = "One JSON object {policy, capacity, requests, hits, misses, missRatio, "
            + "seconds, requestsPerSecond, and error for a pair whose policy failed}, or an array of them for lists.")
    private boolean json;

    @picocli.CommandLine.Mixin
    private PluginPath plugins;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the policies' random choices.")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Simulations at once (default: the cores).")
    private Integer threads;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<PolicyChoice<ReplacementPolicyProvider>> chosen = plugins.registry().replacements(policies, POLICY);
        List<Capacity> sizes = Capacity.parseAll(capacities, CAPACITY);
        ReplayOutcome outcome = new ReplayEngine(cores(threads), PluginWatch.defaultBudgetNanos())
                .replay(trace.source(), chosen, sizes, seed);
        boolean list = outcome.results().size() > 1;
        spec.commandLine().getOut().print(json ? json(outcome.results(), list) : table(trace.trace, outcome, list));
        return failures(outcome, spec);
    }

    /**
     * Says on the error stream which pairs' policies failed (their results are printed with the others'), and gives
     * the exit status: 0 if none did, 1 if one did.
     */
    static int failures(ReplayOutcome outcome, CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.flush();
        outcome.failures().forEach(r -> err.println("mm: " + r.error().orElseThrow()));
        return outcome.failures().isEmpty() ? 0 : Main.PLUGIN_FAILED;
    }

    /** Simulations at once: {@code --threads}, or every core. */
    static int cores(Integer threads) {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1) {
            throw new BadInputException("--threads " + cores + ": expected 1 or more");
        }
        return cores;
    }

    static ObjectNode json(ReplayResult r) {
        ObjectNode object = Json.object()
                .put("policy", r.policy())
                .put("capacity", r.capacity())
                .put("requests", r.requests())
                .put("hits", r.hits())
                .put("misses", r.misses())
                .put("missRatio", r.missRatio())
                .put("seconds", r.seconds())
                .put("requestsPerSecond", r.requestsPerSecond());
        r.error().ifPresent(error -> object.put("error", error));
        return object;
    }

    private static String json(List<ReplayResult> results, boolean list) {
        if (!list) {
            return Json.write(json(results.get(0)));
        }
        ArrayNode array = Json.array();
        results.forEach(r -> array.add(json(r)));
        return Json.write(array);
    }

    private static String table(Path trace, ReplayOutcome outcome, boolean list) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "trace %s (%s): %,d requests, %,d distinct keys%n", trace,
                outcome.format().map(TraceFormat::cliName).orElse("custom"), outcome.requests(), outcome.distinct()));
        int width = "policy".length();
        for (ReplayResult r : outcome.results()) {
            width = Math.max(width, r.policy().length());
        }
        String header = "%-" + width + "s  %10s  %12s  %12s  %12s  %10s  %8s  %12s%n";
        String row = "%-" + width + "s  %10d  %12d  %12d  %12d  %10.4f  %8.3f  %12s%n";
        String failed = "%-" + width + "s  %10d  %s%n";
        text.append(String.format(Locale.ROOT, header, "policy", "capacity", "requests", "hits", "misses", "miss ratio",
                "seconds", "requests/s"));
        for (ReplayResult r : outcome.results()) {
            text.append(r.failed() ? String.format(Locale.ROOT, failed, r.policy(), r.capacity(), r.error().orElseThrow())
                    : String.format(Locale.ROOT, row, r.policy(), r.capacity(), r.requests(), r.hits(), r.misses(),
                            r.missRatio(), r.seconds(), rate(r.requestsPerSecond())));
        }
        return text.toString();
    }

    /** A rate with an SI suffix, such as {@code 31.2 M}. */
    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
