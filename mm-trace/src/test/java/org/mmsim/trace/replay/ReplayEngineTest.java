package org.mmsim.trace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.trace.Trace;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.trace.plugin.Registered;
import org.mmsim.trace.format.TraceException;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;

class ReplayEngineTest {
    @TempDir
    Path dir;

    private static final PolicyRegistry REGISTRY = PolicyRegistry.load(Optional.empty());

    private Path trace(String keys) throws IOException {
        Path file = dir.resolve("t.trace");
        Files.writeString(file, keys);
        return file;
    }

    private static ReplayOutcome replay(Path file, List<PolicyChoice<ReplacementPolicyProvider>> policies, String... capacities) {
        return new ReplayEngine(2, 2_000_000_000L).replay(Trace.open(file, TraceFormat.TEXT), policies,
                java.util.Arrays.stream(capacities).map(Capacity::parse).toList(), 1);
    }

    /** A provider whose policy evicts what {@code victim} says, after {@code before} runs. */
    private static PolicyChoice<ReplacementPolicyProvider> misbehaving(String name, IntSupplier victim) {
        ReplacementPolicyProvider provider = new ReplacementPolicyProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "misbehaves";
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
                        return victim.getAsInt();
                    }

                    @Override
                    public void onInsert(long key, int slot) {
                    }

                    @Override
                    public void onRemove(int slot) {
                    }
                };
            }
        };
        return new PolicyChoice<>(name, new Registered<>("replacement", provider, "test"), PolicyArguments.none());
    }

    @Test
    void everyPairIsTheSameAsARunOfThatPairAlone() throws IOException {
        StringBuilder keys = new StringBuilder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 3_000_000; i++) {
            keys.append(random.nextInt(50_000)).append('\n');
        }
        Path file = trace(keys.toString());
        List<PolicyChoice<ReplacementPolicyProvider>> policies = List.of(REGISTRY.replacement("lru"), REGISTRY.replacement("fifo"),
                REGISTRY.replacement("linux"));
        List<ReplayResult> together = replay(file, policies, "1000", "10%", "20000").results();
        int i = 0;
        for (PolicyChoice<ReplacementPolicyProvider> policy : policies) {
            for (String capacity : new String[] {"1000", "10%", "20000"}) {
                ReplayResult alone = replay(file, List.of(policy), capacity).results().get(0);
                ReplayResult pair = together.get(i++);
                assertEquals(alone.hits(), pair.hits(), policy.name() + " at " + capacity);
                assertEquals(alone.capacity(), pair.capacity());
            }
        }
        assertEquals(5000, together.get(1).capacity(), "10% of 50,000 distinct keys");
    }

    @Test
    void aVictimThatIsNotResidentStopsThePolicyByName() throws IOException {
        PluginFailureException e = assertThrows(PluginFailureException.class,
                () -> replay(trace("1\n2\n3\n"), List.of(misbehaving("wild", () -> 7)), "2"));
        assertEquals("policy 'wild' failed: evict() returned slot 7 at request 3, which holds no resident page (slots are 0 to 1)",
                e.getMessage());
    }

    @Test
    void aPolicyThatThrowsIsStoppedByName() throws IOException {
        PluginFailureException e = assertThrows(PluginFailureException.class,
                () -> replay(trace("1\n2\n3\n"), List.of(misbehaving("broken", () -> {
                    throw new IllegalStateException("boom");
                })), "2"));
        assertTrue(e.getMessage().startsWith("policy 'broken' failed: threw"), e.getMessage());
        assertEquals("boom", e.getCause().getMessage());
    }

    @Test
    void aPolicyThatRunsAwayIsStoppedByName() throws IOException {
        PluginFailureException e = assertThrows(PluginFailureException.class,
                () -> replay(trace("1\n2\n3\n"), List.of(misbehaving("stuck", () -> {
                    while (true) {
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException interrupted) {
                            throw new IllegalStateException("stopped");
                        }
                    }
                })), "2"));
        assertEquals("policy 'stuck' failed: ran away: no progress for 2 s after request 0", e.getMessage());
    }

    @Test
    void anEmptyTraceIsBadInput() throws IOException {
        Path file = trace("*\n\n");
        assertEquals(file + ": no requests; expected at least one",
                assertThrows(TraceException.class, () -> replay(file, List.of(REGISTRY.replacement("lru")), "2")).getMessage());
    }

    @Test
    void capacitiesAreWholePositivePagesOrShares() {
        assertEquals(5, Capacity.parse("10%").resolve(50));
        assertEquals(1, Capacity.parse("0.1%").resolve(50));
        for (String bad : new String[] {"0", "-3", "x", "0%", "101%", "1e3"}) {
            assertThrows(IllegalArgumentException.class, () -> Capacity.parse(bad), bad);
        }
    }
}
