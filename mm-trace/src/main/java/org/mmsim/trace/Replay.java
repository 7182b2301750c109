package org.mmsim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.replay.ReplayEngine;
import org.mmsim.trace.replay.ReplayOutcome;

/**
 * A replay of one trace under every (policy, capacity) pair, as {@code ./mm replay} runs it: the trace is decoded
 * once and each pair simulated on its own, one pair a thread, so each result is what that pair alone gives. Every
 * missed key is admitted (demand paging) and every request counted.
 *
 * <pre>{@code
 * ReplayOutcome outcome = Replay.of(Trace.open(file, TraceFormat.U32BE))
 *         .policies("lru", "arc", "2q:kin=0.25").capacities("1%", "10%", "4096").threads(2).run();
 * outcome.results().forEach(r -> System.out.println(r.policy() + " " + r.capacity() + " " + r.missRatio()));
 * }</pre>
 *
 * <p>A builder is not thread-safe; {@link #run()} may be called again, with the same results.
 */
public final class Replay {
    private final Trace trace;
    private List<String> policies = List.of();
    private List<String> capacities = List.of();
    private int threads = Runtime.getRuntime().availableProcessors();
    private long seed = 1;
    private long timeoutNanos = PluginWatch.defaultBudgetNanos();
    private Optional<PolicyRegistry> registry = Optional.empty();

    private Replay(Trace trace) {
        this.trace = trace;
    }

    /** A replay of {@code trace}; give it policies and capacities, then {@link #run()}. */
    public static Replay of(Trace trace) {
        return new Replay(Objects.requireNonNull(trace, "trace"));
    }

    /** The policies, by name with parameters after colons ({@code 2q:kin=0.25}). */
    public Replay policies(String... specs) {
        return policies(List.of(specs));
    }

    /** The policies, by name with parameters after colons ({@code 2q:kin=0.25}). */
    public Replay policies(List<String> specs) {
        this.policies = List.copyOf(specs);
        return this;
    }

    /** The cache sizes: pages ({@code 4096}) or shares of the trace's distinct keys ({@code 10%}). */
    public Replay capacities(String... sizes) {
        this.capacities = List.of(sizes);
        return this;
    }

    /** The cache sizes in pages. */
    public Replay capacities(long... pages) {
        List<String> sizes = new ArrayList<>();
        for (long p : pages) {
            sizes.add(Long.toString(p));
        }
        this.capacities = sizes;
        return this;
    }

    /** Simulations at once (default: every core). */
    public Replay threads(int n) {
        if (n < 1) {
            throw new BadInputException("threads " + n + "; expected 1 or more");
        }
        this.threads = n;
        return this;
    }

    /** The seed of the policies' random choices (default 1). */
    public Replay seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Seconds a policy may go without progress before it is stopped as runaway (default: the
     * {@value PluginWatch#TIMEOUT_PROPERTY} system property's, {@value PluginWatch#DEFAULT_TIMEOUT_SECONDS} without it).
     */
    public Replay pluginTimeoutSeconds(long seconds) {
        if (seconds < 1) {
            throw new BadInputException("plugin timeout " + seconds + " s; expected 1 or more");
        }
        this.timeoutNanos = seconds * 1_000_000_000L;
        return this;
    }

    /** Where the policies come from (default: the built-in ones and those on the module or class path). */
    public Replay registry(PolicyRegistry registry) {
        this.registry = Optional.of(registry);
        return this;
    }

    /**
     * Runs every pair. A pair whose policy fails (throws, names a victim that is not resident, or runs away) stops
     * there and is in the outcome with its error ({@link ReplayOutcome#failures()}, {@link
     * org.mmsim.trace.replay.ReplayResult#error()}: the policy and the request); the other pairs run to the end.
     *
     * @throws BadInputException for no policy or capacity, an unknown policy, a bad parameter or size, or a trace
     *     that cannot be read ({@link org.mmsim.trace.format.TraceException})
     */
    public ReplayOutcome run() {
        if (policies.isEmpty() || capacities.isEmpty()) {
            throw new BadInputException("a replay of " + trace.name() + " needs at least one policy and one capacity; "
                    + "got " + policies.size() + " and " + capacities.size());
        }
        PolicyRegistry policySource = registry.orElseGet(() -> PolicyRegistry.load(Optional.empty()));
        return new ReplayEngine(threads, timeoutNanos).replay(trace, policySource.replacements(policies, "policy"),
                Capacity.parseAll(capacities, "capacity"), seed);
    }
}
