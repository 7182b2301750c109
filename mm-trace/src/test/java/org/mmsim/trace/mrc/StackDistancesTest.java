package org.mmsim.trace.mrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.Trace;
import org.mmsim.trace.SharedTraces;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.replay.ReplayEngine;
import org.mmsim.trace.replay.ReplayOutcome;
import org.mmsim.trace.replay.ReplayResult;
import org.mmsim.trace.format.TraceDecoder;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;

/**
 * The one-pass curve against LRU simulated size by size: a plain access-ordered map on random traces, and the
 * built-in {@code lru} policy through replay on a real trace. SHARDS's error against the exact curve is measured.
 */
class StackDistancesTest {
    /** Misses of an LRU cache of {@code size} pages, simulated directly. */
    private static long lruMisses(List<Integer> keys, int size) {
        Map<Integer, Boolean> cache = new LinkedHashMap<>(16, 0.75f, true);
        long misses = 0;
        for (int key : keys) {
            if (cache.get(key) == null) {
                misses++;
                cache.put(key, Boolean.TRUE);
                if (cache.size() > size) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
        }
        return misses;
    }

    @Property(tries = 60)
    void everySizeAgreesWithASimulatedLru(@ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 40) Integer> keys) {
        StackDistances distances = new StackDistances(1);
        keys.forEach(k -> distances.accept(k));
        double[] ratios = distances.missRatios();
        assertEquals(keys.stream().distinct().count(), distances.distinctKeys());
        for (int size = 1; size < ratios.length; size++) {
            assertEquals(lruMisses(keys, size), Math.round(ratios[size] * keys.size()), "size " + size);
        }
    }

    @Test
    void theTreeGrowsWithTheTrace() {
        StackDistances distances = new StackDistances(1);
        int requests = 300_000;
        for (int i = 0; i < requests; i++) {
            distances.accept(i % 1000);
        }
        double[] ratios = distances.missRatios();
        // A loop over 1000 keys: LRU misses everything below 1000 pages, nothing but the first pass from 1000 on.
        assertEquals(1.0, ratios[999], 1e-12);
        assertEquals(1000.0 / requests, ratios[1000], 1e-12);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StackDistances(0));
        assertThrows(IllegalArgumentException.class, () -> new StackDistances(1.5));
    }

    @Test
    void theExactCurveIsReplaysLruAtEveryCapacityAndShardsIsClose() {
        Path file = SharedTraces.file("binary/w106.trace.xz");
        TraceOptions options = TraceOptions.of(TraceFormat.byName("u32be"));
        StackDistances exact = new StackDistances(1);
        TraceDecoder.decode(file, options, exact);
        double[] ratios = exact.missRatios();
        List<Capacity> capacities = new ArrayList<>();
        for (String c : new String[] {"1", "100", "1000", "1%", "3%", "10%", "25%", "60%", "100%"}) {
            capacities.add(Capacity.parse(c));
        }
        ReplayOutcome outcome = new ReplayEngine(2, 60_000_000_000L).replay(Trace.open(file, options),
                List.of(PolicyRegistry.load(Optional.empty()).replacement("lru")), capacities, 1);
        for (ReplayResult r : outcome.results()) {
            assertEquals(r.misses(), Math.round(ratios[r.capacity()] * r.requests()), "capacity " + r.capacity());
        }
        StackDistances shards = new StackDistances(0.01);
        TraceDecoder.decode(file, options, shards);
        double[] estimate = shards.missRatios();
        double worst = 0;
        double sum = 0;
        for (int percent = 1; percent <= 100; percent++) {
            int pages = (int) (exact.distinctKeys() * percent / 100);
            double error = Math.abs(estimate[Math.min(pages, estimate.length - 1)] - ratios[pages]);
            worst = Math.max(worst, error);
            sum += error;
        }
        System.out.printf("SHARDS R=0.01 on w106: mean absolute error %.4f, worst %.4f over 1%%..100%% of the keys%n",
                sum / 100, worst);
        assertTrue(sum / 100 < 0.01 && worst < 0.03, "mean " + sum / 100 + ", worst " + worst);
    }
}
