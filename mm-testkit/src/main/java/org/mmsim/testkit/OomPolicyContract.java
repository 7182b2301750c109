package org.mmsim.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

/**
 * The contract every OOM policy keeps, as jqwik properties. A plugin's test extends this class and names its
 * provider. Over random task tables: the decision is never null; a kill names a candidate of the request that is
 * killable (never init, a kernel thread, a reaped task or one with oom_score_adj -1000); with nothing killable the
 * answer is a panic; and the same request gets the same decision.
 */
public abstract class OomPolicyContract {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** For a plugin's test class to extend. */
    protected OomPolicyContract() {
    }

    /** The provider under test. */
    protected abstract OomPolicyProvider provider();

    /** The parameter values to test with, as {@code name -> text}; none (the defaults) unless overridden. */
    protected Map<String, String> arguments() {
        return Map.of();
    }

    private OomPolicy policy() {
        OomPolicyProvider provider = provider();
        OomPolicy policy = provider.create(PolicyArguments.resolve(provider.parameters(), arguments()));
        assertNotNull(policy, "policy '" + provider.name() + "': create() returned null");
        return policy;
    }

    private OomDecision decide(OomRequest request) {
        OomDecision decision = policy().decide(request);
        assertNotNull(decision, "policy '" + provider().name() + "' decided null");
        return decision;
    }

    @Example
    void providerDescribesItself() {
        OomPolicyProvider provider = provider();
        assertTrue(NAME.matcher(provider.name()).matches(), "name '" + provider.name() + "': lower case letters, digits, dashes");
        String description = provider.description();
        assertFalse(description == null || description.isBlank() || description.contains("\n"),
                "description of '" + provider.name() + "' is one non-empty line");
        PolicyArguments.resolve(provider.parameters(), Map.of());
    }

    @Property(tries = 300)
    void killsOnlyAKillableCandidate(@ForAll("requests") OomRequest request) {
        OomDecision decision = decide(request);
        if (decision instanceof OomDecision.Kill) {
            int pid = ((OomDecision.Kill) decision).pid();
            OomCandidate victim = request.candidates().stream().filter(c -> c.pid() == pid).findFirst()
                    .orElseThrow(() -> new AssertionError("killed pid " + pid + ", which is not a candidate"));
            assertTrue(victim.killable(), "killed pid " + pid + ", which is not killable: " + victim);
        }
    }

    @Property(tries = 100)
    void panicsWhenNothingIsKillable(@ForAll("unkillableRequests") OomRequest request) {
        assertTrue(decide(request) instanceof OomDecision.Panic, "with no killable task the machine panics");
    }

    @Property(tries = 100)
    void theSameRequestGetsTheSameDecision(@ForAll("requests") OomRequest request) {
        assertEquals(decide(request), decide(request));
    }

    @Provide
    Arbitrary<OomRequest> requests() {
        Arbitrary<OomExemption> mostlyNone = Arbitraries.frequency(Tuple.of(12, OomExemption.NONE),
                Tuple.of(1, OomExemption.INIT), Tuple.of(1, OomExemption.KERNEL_THREAD),
                Tuple.of(1, OomExemption.OOM_SKIP), Tuple.of(1, OomExemption.VFORK));
        Arbitrary<Integer> adjs = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(-1000, 1000)),
                Tuple.of(1, Arbitraries.of(-1000, 0, 1000)));
        return requests(mostlyNone, adjs);
    }

    @Provide
    Arbitrary<OomRequest> unkillableRequests() {
        return Combinators.combine(requests(Arbitraries.of(OomExemption.INIT, OomExemption.KERNEL_THREAD,
                OomExemption.OOM_SKIP, OomExemption.VFORK), Arbitraries.integers().between(-1000, 1000)),
                requests(Arbitraries.just(OomExemption.NONE), Arbitraries.just(OomCandidate.OOM_SCORE_ADJ_MIN)))
                .as((exempt, minimal) -> {
                    List<OomCandidate> all = new ArrayList<>(exempt.candidates());
                    int pid = all.size() + 1;
                    for (OomCandidate c : minimal.candidates()) {
                        all.add(new OomCandidate(pid++, c.uid(), c.name(), c.totalVm(), c.rssAnon(), c.rssFile(),
                                c.rssShmem(), c.swapEntries(), c.pgtablesBytes(), c.oomScoreAdj(), c.startNanos(),
                                c.exemption()));
                    }
                    return new OomRequest(all, exempt.totalPages(), 4096, exempt.gfpMask(), exempt.order());
                });
    }

    private Arbitrary<OomRequest> requests(Arbitrary<OomExemption> exemptions, Arbitrary<Integer> adjs) {
        Arbitrary<long[]> figures = Arbitraries.longs().between(0, 1L << 22).array(long[].class).ofSize(6);
        Arbitrary<Object[]> task = Combinators.combine(figures, adjs, exemptions, Arbitraries.integers().between(0, 2000),
                Arbitraries.longs().between(0, 1L << 40)).as((f, adj, exemption, uid, start) ->
                new Object[] {f, adj, exemption, uid, start});
        return Combinators.combine(task.list().ofMaxSize(12), Arbitraries.longs().between(1, 1L << 34),
                Arbitraries.integers().between(0, 10)).as((tasks, totalPages, order) -> {
                    List<OomCandidate> candidates = new ArrayList<>();
                    int pid = 1;
                    for (Object[] t : tasks) {
                        long[] f = (long[]) t[0];
                        candidates.add(new OomCandidate(pid, (Integer) t[3], "task" + pid, f[0] + f[1] + f[2], f[0], f[1], f[2],
                                f[3], f[4] * 8, (Integer) t[1], (Long) t[4], (OomExemption) t[2]));
                        pid += 1 + (int) (f[5] % 7);
                    }
                    return new OomRequest(candidates, totalPages, 4096, 0xcc0, order);
                });
    }
}
