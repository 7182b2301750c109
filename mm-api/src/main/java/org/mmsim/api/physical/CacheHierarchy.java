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
    /** What {@link #line} and {@link #victim} give for no line: an empty way, a lookup that evicted nothing. */
    long NO_LINE = -1;

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

    /**
     * What a way of a set of a data-side level holds: a line number (the address shifted right by the line size's
     * log2, the set being its low bits), or {@link #NO_LINE} for an empty way. A line stays in the way it was filled
     * into until it is evicted or invalidated, so the ways read in order show a set as a hardware array holds it.
     *
     * @param level 1 for the first-level data cache, up to {@link #levels()} outwards
     * @param set from 0 to the level's number of sets - 1
     * @param way from 0 to the level's ways - 1
     * @throws IllegalArgumentException for a level, set or way the hierarchy does not have
     */
    long line(int level, int set, int way);

    /**
     * The line a data-side level's most recent lookup evicted to make room (a demand access's or a prefetch's), or
     * {@link #NO_LINE} if that lookup hit or filled an empty way. Read right after a data access to the first level
     * it names what that access evicted there; an outer level, looked up only when the levels inside it miss, keeps
     * what its own last lookup evicted. Reading it changes nothing and allocates nothing.
     *
     * @param level 1 for the first-level data cache, up to {@link #levels()} outwards
     * @throws IllegalArgumentException for a level the hierarchy does not have
     */
    long victim(int level);
}
