package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementHarness;

/**
 * Runs a policy and a naive textbook model of it side by side over the same requests and removals, and fails at the
 * first request where they evict different pages. The models use plain collections and linear scans, so they are
 * slow but easy to check by eye against the paper.
 */
final class VictimModelCheck {
    /** A naive model of one policy. */
    interface Model {
        /** Requests {@code key}; returns the key it evicted, or null. */
        Long access(long key);

        /** The host freed the resident {@code key}. */
        void remove(long key);
    }

    private VictimModelCheck() {
    }

    /**
     * @param operations a key to request when 0 or more; a negative value {@code -i - 1} removes the i-th resident key
     *     (modulo the number resident, in increasing order), if any is resident
     */
    static void check(ReplacementPolicyProvider provider, Map<String, String> arguments, int capacity,
                      List<Long> operations, Model model) {
        ReplacementHarness harness = new ReplacementHarness(provider,
                new PolicySettings(capacity, 7, PolicyArguments.resolve(provider.parameters(), arguments)));
        for (int step = 0; step < operations.size(); step++) {
            long op = operations.get(step);
            if (op < 0) {
                List<Long> resident = new ArrayList<>(harness.residentKeys());
                if (!resident.isEmpty()) {
                    resident.sort(null);
                    long key = resident.get((int) ((-op - 1) % resident.size()));
                    harness.remove(key);
                    model.remove(key);
                }
                continue;
            }
            int before = harness.victims().size();
            harness.access(op);
            Long expected = model.access(op);
            Long actual = harness.victims().size() > before ? harness.victims().get(before) : null;
            int at = step;
            assertEquals(expected, actual, () -> provider.name() + " " + arguments + " capacity " + capacity
                    + ": victim of request " + op + " at step " + at + " of " + operations);
        }
    }
}
