package org.mmsim.plugins.replacement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementHarness;

/**
 * A policy hosted by a {@link ReplacementHarness}, with the policy instance itself in reach so that a test can read
 * its internal state through the provider's package-private accessor.
 */
final class Probe {
    final ReplacementHarness harness;
    final ReplacementPolicy policy;

    private Probe(ReplacementHarness harness, ReplacementPolicy policy) {
        this.harness = harness;
        this.policy = policy;
    }

    static Probe host(ReplacementPolicyProvider provider, int capacity) {
        return host(provider, capacity, Map.of());
    }

    static Probe host(ReplacementPolicyProvider provider, int capacity, Map<String, String> arguments) {
        ReplacementPolicy[] created = new ReplacementPolicy[1];
        ReplacementPolicyProvider capturing = new ReplacementPolicyProvider() {
            @Override
            public String name() {
                return provider.name();
            }

            @Override
            public String description() {
                return provider.description();
            }

            @Override
            public List<PolicyParameter> parameters() {
                return provider.parameters();
            }

            @Override
            public ReplacementPolicy create(PolicySettings settings) {
                created[0] = provider.create(settings);
                return created[0];
            }
        };
        PolicySettings settings = new PolicySettings(capacity, 1, PolicyArguments.resolve(provider.parameters(), arguments));
        ReplacementHarness harness = new ReplacementHarness(capturing, settings);
        return new Probe(harness, created[0]);
    }

    /**
     * Runs a trace of operations: a key {@code >= 0} is requested; a negative entry {@code -i} removes the resident
     * key at index {@code (i - 1) mod size} of the sorted resident keys, if any. Calls {@code afterEach} after every
     * operation.
     */
    void run(List<Integer> operations, Runnable afterEach) {
        for (int op : operations) {
            if (op >= 0) {
                harness.access(op);
            } else if (harness.size() > 0) {
                List<Long> resident = new ArrayList<>(harness.residentKeys());
                resident.sort(null);
                harness.remove(resident.get((-op - 1) % resident.size()));
            }
            afterEach.run();
        }
    }

    static List<Long> victims(ReplacementPolicyProvider provider, int capacity, Map<String, String> arguments, List<Long> trace) {
        Probe probe = host(provider, capacity, arguments);
        for (long key : trace) {
            probe.harness.access(key);
        }
        return probe.harness.victims();
    }
}
