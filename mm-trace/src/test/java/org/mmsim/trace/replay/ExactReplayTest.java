package org.mmsim.trace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmsim.trace.Trace;
import org.mmsim.trace.SharedTraces;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.trace.format.Keys;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;

/**
 * FIFO, LRU and OPT are uniquely defined, so on every shared trace they must give the one right answer: the hits of
 * small, obviously correct reference models (a linked hash map; a sorted set of next uses) at 1% and 10% of the
 * distinct keys.
 */
class ExactReplayTest {
    private static final PolicyRegistry REGISTRY = PolicyRegistry.load(Optional.empty());

    /** The reference: hits of a FIFO or LRU cache kept as a LinkedHashMap in insertion or access order. */
    static long referenceHits(long[] keys, int capacity, boolean lru) {
        LinkedHashMap<Long, Boolean> cache = new LinkedHashMap<>(capacity * 2, 0.75f, lru);
        long hits = 0;
        for (long key : keys) {
            if (cache.get(key) != null) {
                hits++;
                continue;
            }
            if (cache.size() == capacity) {
                Iterator<Long> oldest = cache.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            cache.put(key, Boolean.TRUE);
        }
        return hits;
    }

    /**
     * The reference OPT: on a miss with the cache full, evict the resident key whose next request is farthest. Keys
     * never requested again are all farthest; which of them goes does not change the hits.
     */
    static long referenceOptHits(long[] keys, int capacity) {
        long[] next = org.mmsim.testkit.ReplacementHarness.nextUses(keys);
        java.util.TreeSet<long[]> byNextUse = new java.util.TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        java.util.HashMap<Long, long[]> resident = new java.util.HashMap<>();
        long hits = 0;
        for (int i = 0; i < keys.length; i++) {
            long[] entry = resident.get(keys[i]);
            if (entry != null) {
                hits++;
                byNextUse.remove(entry);
            } else if (resident.size() == capacity) {
                resident.remove(byNextUse.pollLast()[1]);
            }
            long[] updated = {next[i], keys[i]};
            resident.put(keys[i], updated);
            byNextUse.add(updated);
        }
        return hits;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lirs/2_pools.trace.gz,", "lirs/backf.trace.gz,", "lirs/cpp.trace.gz,", "lirs/cs.trace.gz,",
            "lirs/gli.trace.gz,", "lirs/loop.trace.gz,", "lirs/multi1.trace.gz,", "lirs/multi2.trace.gz,",
            "lirs/multi3.trace.gz,", "lirs/ps.trace.gz,", "lirs/scan.trace.gz,", "lirs/sprite.trace.gz,",
            "lirs/zigzag.trace.gz,",
            "address/gcc.trace.gz,", "address/gzip.trace.gz,", "address/mcf.trace.gz,", "address/swim.trace.gz,",
            "address/twolf.trace.gz,",
            "binary/w106.trace.xz, u32be", "binary/orm-busy.trace.xz, i32be", "binary/orm-night.trace.xz, i32be",
            "binary/web07.trace.xz, i32be", "binary/web12.trace.xz, i32be", "binary/scarab-recs.trace.xz, i64be",
            "binary/trace_vaultservice.gz, i64be",
            "lackey/ls.lackey.xz,", "lackey/gzip.lackey.xz,", "lackey/sort.lackey.xz,",
    })
    void fifoLruAndOptGiveTheOneRightAnswer(String path, String format) {
        Path file = SharedTraces.file(path);
        TraceOptions options = format == null ? TraceOptions.detect() : TraceOptions.of(TraceFormat.byName(format));
        long[] keys = Keys.of(file, options);
        List<Capacity> capacities = List.of(Capacity.parse("1%"), Capacity.parse("10%"));
        ReplayOutcome outcome = new ReplayEngine(2, 60_000_000_000L).replay(Trace.open(file, options),
                List.of(REGISTRY.replacement("fifo"), REGISTRY.replacement("lru"), REGISTRY.replacement("opt")), capacities, 1);
        List<Long> expected = new ArrayList<>();
        List<Long> actual = new ArrayList<>();
        int i = 0;
        for (String policy : new String[] {"fifo", "lru", "opt"}) {
            for (Capacity capacity : capacities) {
                ReplayResult result = outcome.results().get(i++);
                int pages = capacity.resolve(outcome.distinct());
                expected.add(policy.equals("opt") ? referenceOptHits(keys, pages) : referenceHits(keys, pages, policy.equals("lru")));
                actual.add(result.hits());
                assertEquals(keys.length, result.requests());
            }
        }
        assertEquals(expected, actual, "hits of fifo, lru and opt, each at 1% and 10%");
    }
}
