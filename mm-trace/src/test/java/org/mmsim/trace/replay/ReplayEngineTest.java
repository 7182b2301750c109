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

    /** The one result of replaying {@code keys} under {@code policy} at {@code capacity}: it must have failed. */
    private ReplayResult failed(String keys, PolicyChoice<ReplacementPolicyProvider> policy, String capacity) throws IOException {
        ReplayResult result = replay(trace(keys), List.of(policy), capacity).results().get(0);
        assertTrue(result.failed(), result.toString());
        return result;
    }

    @Test
    void aVictimThatIsNotResidentStopsThePolicyByName() throws IOException {
        ReplayResult result = failed("1\n2\n3\n", misbehaving("wild", () -> 7), "2");
        assertEquals(Optional.of("policy 'wild' failed: evict() returned slot 7 at request 3, which holds no resident "
                + "page (slots are 0 to 1)"), result.error());
        assertEquals(2, result.requests(), "the requests before the failure");
    }

    @Test
    void aPolicyThatThrowsIsStoppedByNameAtTheRequestItThrewAt() throws IOException {
        ReplayResult result = failed("1\n2\n3\n", misbehaving("broken", () -> {
            throw new IllegalStateException("boom");
        }), "2");
        assertEquals(Optional.of("policy 'broken' failed: threw at request 3: boom"), result.error());
        assertEquals(2, result.requests());
        assertEquals(0, result.hits());
    }

    @Test
    void aPolicyThatFailsStopsOnlyItsOwnPairsAndSaysAtWhichRequest() throws IOException {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            keys.append(i).append('\n');
        }
        Path file = trace(keys.toString());
        int[] calls = new int[1];
        PolicyChoice<ReplacementPolicyProvider> throwing = misbehaving("late", () -> {
            if (++calls[0] == 100_000) {
                throw new IllegalStateException("gave up");
            }
            return 0;
        });
        // One thread: the pairs run one after another, so the throwing policy's count of calls is its own pair's.
        List<ReplayResult> results = new ReplayEngine(1, 2_000_000_000L).replay(Trace.open(file, TraceFormat.TEXT),
                List.of(REGISTRY.replacement("lru"), throwing), List.of(Capacity.parse("1000")), 1).results();
        ReplayResult alone = replay(file, List.of(REGISTRY.replacement("lru")), "1000").results().get(0);
        assertEquals(alone, new ReplayResult(results.get(0).policy(), results.get(0).capacity(), results.get(0).requests(),
                results.get(0).hits(), alone.seconds()), "the other pair as it is alone");
        // Every key is new: the first 1000 requests fill the cache, and evict() is called once by each request after.
        assertEquals(Optional.of("policy 'late' failed: threw at request 101000: gave up"), results.get(1).error());
        assertEquals(100_999, results.get(1).requests());
    }

    @Test
    void aPolicyWhoseCreateThrowsFailsItsPairAndNotTheReplay() throws IOException {
        ReplacementPolicyProvider provider = new ReplacementPolicyProvider() {
            @Override
            public String name() {
                return "unmade";
            }

            @Override
            public String description() {
                return "cannot be made";
            }

            @Override
            public ReplacementPolicy create(PolicySettings settings) {
                throw new IllegalArgumentException("no room");
            }
        };
        ReplayResult result = failed("1\n2\n", new PolicyChoice<>("unmade", new Registered<>("replacement", provider, "test"),
                PolicyArguments.none()), "2");
        assertEquals(Optional.of("policy 'unmade' failed in create(): no room"), result.error());
        assertEquals(0, result.requests());
    }

    @Test
    void aPolicyThatRunsAwayIsStoppedByName() throws IOException {
        ReplayResult result = failed("1\n2\n3\n", misbehaving("stuck", () -> {
            while (true) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException("stopped");
                }
            }
        }), "2");
        assertEquals(Optional.of("policy 'stuck' failed in evict() after request 0: no progress for 2 s"), result.error());
    }

    @Test
    void aRunawayThatIgnoresInterruptsKeepsNoOtherPairWaiting() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PolicyChoice<ReplacementPolicyProvider> deaf = misbehaving("deaf", () -> {
            while (true) {
                try {
                    release.await();
                    return 0;
                } catch (InterruptedException ignored) {
                    // A policy that swallows the interrupt keeps its thread until it is released.
                }
            }
        });
        try {
            // One thread: the pair after the runaway runs only because the pool grows by the thread it lost.
            List<ReplayResult> results = new ReplayEngine(1, 1_000_000_000L).replay(Trace.open(trace("1\n2\n3\n1\n"),
                    TraceFormat.TEXT), List.of(deaf, REGISTRY.replacement("lru")), List.of(Capacity.parse("2")), 1).results();
            assertEquals(Optional.of("policy 'deaf' failed in evict() after request 0: no progress for 1 s"),
                    results.get(0).error());
            assertEquals(new ReplayResult("lru", 2, 4, 0, results.get(1).seconds()), results.get(1));
        } finally {
            release.countDown();
        }
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
