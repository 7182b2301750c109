package org.mmsim.api.physical;

/**
 * The hardware events one CPU (or one task's work on it) counted, the ones {@code perf stat} reads from the PMU under
 * perf's generic names: {@code cycles}, {@code L1-dcache-loads}, {@code L1-dcache-load-misses},
 * {@code L1-dcache-stores}, {@code LLC-loads} (loads that missed the private levels and went to the last level, as
 * Intel counts them offcore), {@code LLC-load-misses} (those memory served), the page walker's loads, and the
 * coherence transfers (a load or a store that found its line Modified in another CPU's cache: Intel's HITM).
 *
 * @param cycles core cycles the accesses took
 * @param l1dLoads loads (a modify is one)
 * @param l1dLoadMisses loads the L1d did not hold
 * @param l1dStores stores
 * @param llcLoads loads that reached the last level
 * @param llcLoadMisses loads memory served
 * @param walkLoads page-table entries the page walker loaded
 * @param transfers coherence transfers (HITM)
 */
public record PerfCounts(long cycles, long l1dLoads, long l1dLoadMisses, long l1dStores, long llcLoads,
                         long llcLoadMisses, long walkLoads, long transfers) {
    /** The sum of this and {@code other}: two CPUs' counts, as perf's system-wide mode adds them. */
    public PerfCounts plus(PerfCounts other) {
        return new PerfCounts(cycles + other.cycles, l1dLoads + other.l1dLoads, l1dLoadMisses + other.l1dLoadMisses,
                l1dStores + other.l1dStores, llcLoads + other.llcLoads, llcLoadMisses + other.llcLoadMisses,
                walkLoads + other.walkLoads, transfers + other.transfers);
    }

    /** What was counted between {@code earlier} and this. */
    public PerfCounts since(PerfCounts earlier) {
        return new PerfCounts(cycles - earlier.cycles, l1dLoads - earlier.l1dLoads, l1dLoadMisses - earlier.l1dLoadMisses,
                l1dStores - earlier.l1dStores, llcLoads - earlier.llcLoads, llcLoadMisses - earlier.llcLoadMisses,
                walkLoads - earlier.walkLoads, transfers - earlier.transfers);
    }
}
