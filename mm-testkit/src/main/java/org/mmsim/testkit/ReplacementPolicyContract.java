package org.mmsim.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * The contract every replacement policy keeps, as jqwik properties. A plugin's test extends this class and names
 * its provider:
 *
 * <pre>{@code
 * class MruContractTest extends ReplacementPolicyContract {
 *     protected ReplacementPolicyProvider provider() { return new Mru(); }
 * }
 * }</pre>
 *
 * <p>Random chains of requests and removals run through a {@link ReplacementHarness}, and after every step: the
 * resident set never exceeds the capacity; a request hits if and only if its key is resident in a model kept
 * beside the policy; every victim is resident; removed pages are never evicted. Besides: the same requests and seed
 * give the same victims, and a cache large enough for every key misses only once per key.
 */
public abstract class ReplacementPolicyContract {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** For a plugin's test class to extend. */
    protected ReplacementPolicyContract() {
    }

    /** The provider under test. */
    protected abstract ReplacementPolicyProvider provider();

    /** The parameter values to test with, as {@code name -> text}; none (the defaults) unless overridden. */
    protected Map<String, String> arguments() {
        return Map.of();
    }

    private PolicySettings settings(int capacity, long seed) {
        ReplacementPolicyProvider provider = provider();
        return new PolicySettings(capacity, seed, PolicyArguments.resolve(provider.parameters(), arguments()));
    }

    @Example
    void providerDescribesItself() {
        ReplacementPolicyProvider provider = provider();
        assertTrue(NAME.matcher(provider.name()).matches(), "name '" + provider.name() + "': lower case letters, digits, dashes");
        String description = provider.description();
        assertFalse(description == null || description.isBlank() || description.contains("\n"),
                "description of '" + provider.name() + "' is one non-empty line");
        PolicyArguments.resolve(provider.parameters(), Map.of());
    }

    @Property(tries = 150)
    void keepsTheContractOverAnyChainOfRequestsAndRemovals(@ForAll("chains") ActionChain<Run> chain) {
        chain.withInvariant("resident pages never exceed capacity", run ->
                        assertTrue(run.harness.size() <= run.harness.capacity(), "resident " + run.harness.size()))
                .withInvariant("the policy's host agrees with the model", run ->
                        assertEquals(run.model, run.harness.residentKeys()))
                .run();
    }

    @Property(tries = 100)
    void sameRequestsAndSeedGiveTheSameVictims(@ForAll("traces") List<Long> trace,
                                                @ForAll("capacities") int capacity, @ForAll long seed) {
        assertEquals(replay(trace, capacity, seed).victims(), replay(trace, capacity, seed).victims());
    }

    @Property(tries = 100)
    void aCacheLargeEnoughForEveryKeyMissesOncePerKey(@ForAll("traces") List<Long> trace, @ForAll long seed) {
        int distinct = new HashSet<>(trace).size();
        ReplacementHarness harness = replay(trace, Math.max(1, distinct), seed);
        assertEquals(distinct, harness.misses());
        assertTrue(harness.victims().isEmpty(), "evicted " + harness.victims());
    }

    private ReplacementHarness replay(List<Long> trace, int capacity, long seed) {
        long[] keys = trace.stream().mapToLong(Long::longValue).toArray();
        long[] next = ReplacementHarness.nextUses(keys);
        ReplacementHarness harness = new ReplacementHarness(provider(), settings(capacity, seed));
        for (int i = 0; i < keys.length; i++) {
            harness.access(keys[i], next[i]);
        }
        return harness;
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.integers().between(1, 12);
    }

    @Provide
    Arbitrary<List<Long>> traces() {
        return Arbitraries.longs().between(-2, 30).list().ofMaxSize(200);
    }

    @Provide
    Arbitrary<ActionChain<Run>> chains() {
        return Combinators.combine(capacities(), traces(), Arbitraries.longs()).flatAs((capacity, trace, seed) ->
                ActionChain.<Run>startWith(() -> new Run(new ReplacementHarness(provider(), settings(capacity, seed)), trace))
                        .withAction(3, new RequestNext())
                        .withAction(1, new RemoveResident())
                        .withAction(new Finish())
                        .withMaxTransformations(trace.size() + 40));
    }

    /** The state of one chain: the hosted policy, the requests still to come, and the model of residency. */
    static final class Run {
        final ReplacementHarness harness;
        final long[] trace;
        final long[] next;
        final Set<Long> model = new HashSet<>();
        int position;

        Run(ReplacementHarness harness, List<Long> trace) {
            this.harness = harness;
            this.trace = trace.stream().mapToLong(Long::longValue).toArray();
            this.next = ReplacementHarness.nextUses(this.trace);
        }

        void requestNext() {
            long key = trace[position];
            int before = harness.victims().size();
            boolean hit = harness.access(key, next[position]);
            position++;
            assertEquals(model.contains(key), hit, "a request for " + key + " hits if and only if it is resident");
            if (harness.victims().size() > before) {
                long victim = harness.victims().get(before);
                assertEquals(harness.capacity(), model.size(), "evicted " + victim + " while slots were free");
                assertTrue(model.remove(victim), "evicted " + victim + ", which was not resident");
            }
            model.add(key);
        }

        void remove(long key) {
            harness.remove(key);
            model.remove(key);
        }

        @Override
        public String toString() {
            return "resident " + model + " after " + position + " requests";
        }
    }

    private static final class RequestNext implements Action.Dependent<Run> {
        @Override
        public boolean precondition(Run run) {
            return run.position < run.trace.length;
        }

        @Override
        public Arbitrary<Transformer<Run>> transformer(Run run) {
            return Arbitraries.just(Transformer.mutate("request " + run.trace[run.position], Run::requestNext));
        }
    }

    private static final class RemoveResident implements Action.Dependent<Run> {
        @Override
        public boolean precondition(Run run) {
            return !run.model.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Run>> transformer(Run run) {
            List<Long> resident = new ArrayList<>(run.model);
            resident.sort(null);
            return Arbitraries.of(resident).map(key -> Transformer.mutate("remove " + key, r -> r.remove(key)));
        }
    }

    private static final class Finish implements Action.Dependent<Run> {
        @Override
        public boolean precondition(Run run) {
            return run.position >= run.trace.length;
        }

        @Override
        public Arbitrary<Transformer<Run>> transformer(Run run) {
            return Arbitraries.just(Transformer.endOfChain());
        }
    }
}
