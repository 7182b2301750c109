package org.mmsim.paging.pagetable;

/**
 * Where the last walk of an address space's tables ended: the table and index of the entry found, its level and the
 * page size it maps. One per walker, reused by every walk, so a walk allocates nothing.
 */
public final class Walk {
    /** The pfn of the table holding the entry. */
    public long table;
    /** The entry's index in it. */
    public int index;
    /** The level of that table (0 is the top). */
    public int level;
    /** log2 of the size the entry maps: 12 for a page, 21 or 30 for a large page. */
    public int shift;
    /** Entries read. */
    public int steps;
    /**
     * The physical address of each entry read, top level first ({@code steps} of them): the loads the hardware's
     * page walker makes, which go through the data caches.
     */
    public final long[] entryAddresses = new long[5];

    /** Points this walk where {@code other} ended, so that its walker goes on from there without walking again. */
    public void set(Walk other) {
        table = other.table;
        index = other.index;
        level = other.level;
        shift = other.shift;
        steps = other.steps;
        System.arraycopy(other.entryAddresses, 0, entryAddresses, 0, steps);
    }
}
