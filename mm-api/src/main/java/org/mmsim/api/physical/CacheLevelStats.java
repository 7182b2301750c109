package org.mmsim.api.physical;

/**
 * What one cache level counted. A first-level cache counts the CPU's references; an outer level counts the references
 * the levels inside it sent on (their misses), by the kind of the reference that missed: a fetch, a read (a load, or
 * for cachegrind a modify) or a write. At the first level an access that straddles two lines is one reference, and one
 * miss if either line missed (cachegrind's rule); cachegrind's LL counts it so too, the machine's outer levels count
 * each line sent on.
 *
 * @param name the level ({@code I1}, {@code D1}, {@code LL}, or {@code L1i}, {@code L1d}, {@code L2}, {@code L3})
 * @param fetches instruction-fetch references
 * @param fetchMisses those that missed
 * @param reads data-read references
 * @param readMisses those that missed
 * @param writes data-write references
 * @param writeMisses those that missed
 * @param writebacks dirty lines this level evicted (written to the next level or to memory)
 * @param prefetches lines the prefetcher brought into this level
 */
public record CacheLevelStats(String name, long fetches, long fetchMisses, long reads, long readMisses, long writes,
                              long writeMisses, long writebacks, long prefetches) {
    /** Every reference. */
    public long references() {
        return fetches + reads + writes;
    }

    /** Every miss. */
    public long misses() {
        return fetchMisses + readMisses + writeMisses;
    }
}
