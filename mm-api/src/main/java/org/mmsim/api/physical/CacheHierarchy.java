package org.mmsim.api.physical;

import java.util.List;

/**
 * One CPU's caches, as the memory accesses of that CPU see them: each access goes to the first-level cache of its
 * kind and, on a miss, outwards until a level holds the line or memory supplies it. Addresses are the ones the caches
 * are indexed by: physical on the machine (x86 caches are physically indexed and tagged), or a trace's own, as
 * cachegrind indexes by the guest's virtual addresses. One hierarchy belongs to one simulation thread; an access
 * allocates nothing.
 */
public interface CacheHierarchy {
    /** An instruction fetch (lackey {@code I}). */
    int FETCH = 0;
    /** A data load (lackey {@code L}). */
    int LOAD = 1;
    /** A data store (lackey {@code S}). */
    int STORE = 2;
    /** A load and store of the same bytes by one instruction (lackey {@code M}). */
    int MODIFY = 3;

    /**
     * One access of {@code size} bytes.
     *
     * @param kind {@link #FETCH}, {@link #LOAD}, {@link #STORE} or {@link #MODIFY}
     * @param size at least 1
     * @return the level that served it: 1 for the first level, up to {@link #levels()}, or {@code levels() + 1}
     *         for memory (for an access straddling two lines, the farther of the two)
     * @throws IllegalArgumentException for an unknown kind or a size under 1; the caches are left as they were
     */
    int access(int kind, long address, int size);

    /** How many levels a data access passes through before memory. */
    int levels();

    /** The counts so far, innermost level first, the instruction cache before the data cache. */
    List<CacheLevelStats> stats();
}
