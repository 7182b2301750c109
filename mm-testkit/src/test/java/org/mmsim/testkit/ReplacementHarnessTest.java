package org.mmsim.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/** The harness catches each way a policy can break the SPI's rules. */
class ReplacementHarnessTest {
    /** A policy that evicts a slot past the end and cannot remove slot 1. */
    private static final class OutOfRange implements ReplacementPolicyProvider {
        @Override
        public String name() {
            return "out-of-range";
        }

        @Override
        public String description() {
            return "evicts a slot that does not exist";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return new ReplacementPolicy() {
                @Override
                public int capacity() {
                    return settings.capacity();
                }

                @Override
                public void onHit(int slot) {
                }

                @Override
                public int evict() {
                    return settings.capacity();
                }

                @Override
                public void onInsert(long key, int slot) {
                }

                @Override
                public void onRemove(int slot) {
                    if (slot == 1) {
                        throw new IllegalStateException("cannot remove slot 1");
                    }
                }
            };
        }
    }

    private static ReplacementHarness host(int capacity) {
        return new ReplacementHarness(new OutOfRange(), new PolicySettings(capacity, 1, PolicyArguments.none()));
    }

    @Test
    void aVictimThatIsNotResidentIsReportedWithThePolicyName() {
        ReplacementHarness harness = host(2);
        harness.access(10);
        harness.access(11);
        AssertionError error = assertThrows(AssertionError.class, () -> harness.access(12));
        assertEquals("policy 'out-of-range': evict() returned slot 2, which holds no resident page", error.getMessage());
        assertEquals(java.util.Set.of(10L, 11L), harness.residentKeys());
    }

    @Test
    void anExceptionFromThePolicyNamesItAndTheCall() {
        ReplacementHarness harness = host(2);
        harness.access(1);
        harness.access(2);
        AssertionError error = assertThrows(AssertionError.class, () -> harness.remove(2));
        assertTrue(error.getMessage().contains("policy 'out-of-range' threw in onRemove(1)"), error.getMessage());
    }

    @Test
    void nextUsesPointAtTheNextRequestOfTheSameKey() {
        long never = org.mmsim.spi.FutureAware.NEVER;
        assertEquals(java.util.Arrays.toString(new long[] {2, 3, never, never}),
                java.util.Arrays.toString(ReplacementHarness.nextUses(new long[] {5, 6, 5, 6})));
    }
}
